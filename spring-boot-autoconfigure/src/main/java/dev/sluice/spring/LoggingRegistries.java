package dev.sluice.spring;

import dev.sluice.spring.log4j2.Log4j2Registries;
import dev.sluice.spring.logback.LogbackRegistries;
import org.springframework.util.ClassUtils;

/**
 * The {@link PipelineRegistry} of the logging framework the application runs: Logback when SLF4J is bound
 * to it, else Log4j2 (log4j-core) — each only when the matching Sluice adapter is on the class path.
 */
public final class LoggingRegistries {
    private static final ClassLoader LOADER = LoggingRegistries.class.getClassLoader();
    private static final boolean LOGBACK = ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", LOADER)
            && ClassUtils.isPresent("org.slf4j.LoggerFactory", LOADER)
            && ClassUtils.isPresent("dev.sluice.logback.PipelineAppender", LOADER);
    private static final boolean LOG4J2 = ClassUtils.isPresent("org.apache.logging.log4j.core.LoggerContext", LOADER)
            && ClassUtils.isPresent("dev.sluice.log4j2.PipelineAppender", LOADER);

    private LoggingRegistries() {
    }

    /** @return the registry of the current logging context, or null when no supported framework runs */
    public static PipelineRegistry current() {
        if (LOGBACK) {
            PipelineRegistry registry = LogbackRegistries.current();
            if (registry != null) {
                return registry;
            }
        }
        return LOG4J2 ? Log4j2Registries.current() : null;
    }
}
