package dev.sluice.benchmarks.official;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.status.Status;
import dev.sluice.testkit.sls.official.ProxiedLoghubAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs INSIDE the isolated class loader that holds the official SLS appender and its own runtime (Logback 1.2,
 * slf4j 1.7, protobuf 2.5): everything here is resolved against those versions. It talks to the benchmark through
 * JDK types only (see {@code OfficialSlsContext}, its host-side counterpart).
 */
public final class OfficialSlsDriver {

    private OfficialSlsDriver() {
    }

    /**
     * Builds a Logback 1.2 LoggerContext with one appender on {@code loggerName}: the official appender pointed at
     * {@code realServer} with {@code settings} (official defaults otherwise), or, with {@code noop}, an appender
     * that does nothing (the baseline of this Logback version).
     *
     * @return "log" Consumer&lt;Object[]&gt; (logger.info(template, args)), "mdc" BiConsumer&lt;String, String&gt;,
     *     "errors" Supplier&lt;List&lt;String&gt;&gt; (error statuses of the context), "stop" Runnable
     */
    public static Map<String, Object> start(boolean noop, String realServer, Map<String, String> settings,
                                            String loggerName, String template) {
        quietDefaultContext();
        LoggerContext context = new LoggerContext();
        context.setName(noop ? "official-noop" : "official-sls");
        Appender<ILoggingEvent> appender = noop ? new UnsynchronizedAppenderBase<ILoggingEvent>() {
            @Override
            protected void append(ILoggingEvent event) {
                // Intentionally empty: Logback 1.2's own cost of a call.
            }
        } : ProxiedLoghubAppender.configured(realServer, settings);
        appender.setContext(context);
        appender.setName(noop ? "noop" : "official-sls");
        appender.start();
        if (!appender.isStarted()) {
            throw new IllegalStateException("appender did not start: " + errors(context));
        }
        Logger logger = context.getLogger(loggerName);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(appender);

        Map<String, Object> handles = new HashMap<>();
        handles.put("log", (Consumer<Object[]>) args -> logger.info(template, args));
        handles.put("mdc", (BiConsumer<String, String>) MDC::put);
        handles.put("errors", (Supplier<List<String>>) () -> errors(context));
        handles.put("stop", (Runnable) context::stop);
        return handles;
    }

    /**
     * The official producer logs through slf4j 1.7 into Logback 1.2's default context, which, unconfigured, prints
     * DEBUG lines for every batch; keep only its warnings.
     */
    private static void quietDefaultContext() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext) {
            ((LoggerContext) factory).getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
    }

    private static List<String> errors(LoggerContext context) {
        List<String> errors = new ArrayList<>();
        for (Status s : context.getStatusManager().getCopyOfStatusList()) {
            if (s.getLevel() >= Status.ERROR) {
                errors.add(s.getMessage() + (s.getThrowable() == null ? "" : " (" + s.getThrowable() + ")"));
            }
        }
        return errors;
    }
}
