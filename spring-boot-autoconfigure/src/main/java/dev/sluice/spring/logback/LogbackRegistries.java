package dev.sluice.spring.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import dev.sluice.spring.PipelineRegistry;
import org.slf4j.LoggerFactory;

/**
 * Finds or creates the {@link PipelineRegistry} of a Logback context. It lives in the context's object
 * map, and in a reset-resistant {@link ContextListener} that puts it back when a reset clears that map.
 */
public final class LogbackRegistries {
    static final String KEY = "dev.sluice.spring.PipelineRegistry";

    private LogbackRegistries() {
    }

    /** The registry of the Logback context SLF4J is bound to, or null when SLF4J is bound to something else. */
    public static PipelineRegistry current() {
        return LoggerFactory.getILoggerFactory() instanceof LoggerContext context ? obtain(context) : null;
    }

    public static PipelineRegistry obtain(LoggerContext context) {
        synchronized (LogbackRegistries.class) {
            for (LoggerContextListener listener : context.getCopyOfListenerList()) {
                if (listener instanceof ContextListener ours) {
                    context.putObject(KEY, ours.registry());
                    return ours.registry();
                }
            }
            // No listener: a new context, or one stopped (stop() removes every listener) and started again.
            Object held = context.getObject(KEY);
            PipelineRegistry registry = held instanceof PipelineRegistry known
                    ? known : new PipelineRegistry(new LogbackTarget(context));
            context.addListener(new ContextListener(context, registry));
            context.putObject(KEY, registry);
            return registry;
        }
    }
}
