package dev.sluice.spring.logback;

import dev.sluice.config.Backend;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.sluice.logback.LogbackStatusSink;
import dev.sluice.logback.PipelineAppender;
import dev.sluice.logback.RabbitMqAppender;
import dev.sluice.logback.SlsAppender;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.runtime.StatusSink;
import dev.sluice.spring.BackendSettings;
import dev.sluice.spring.LoggingTarget;
import dev.sluice.config.Backend;

import java.util.Iterator;
import java.util.Locale;

/** Attaches {@link PipelineAppender}s to the loggers of a Logback {@link LoggerContext}. */
final class LogbackTarget implements LoggingTarget {
    private final LoggerContext context;
    private final StatusSink status;

    LogbackTarget(LoggerContext context) {
        this.context = context;
        ContextAwareBase origin = new SpringPropertiesOrigin();
        origin.setContext(context);
        this.status = new LogbackStatusSink(origin);
    }

    /** The origin Logback's status list shows for the integration's messages. */
    private static final class SpringPropertiesOrigin extends ContextAwareBase {
        @Override
        public String toString() {
            return "Sluice Spring Boot properties";
        }
    }

    static String appenderName(Backend backend) {
        return "SLUICE_" + backend.key().toUpperCase(Locale.ROOT);
    }

    @Override
    public StatusSink status() {
        return status;
    }

    @Override
    public boolean declaresOwnAppender(Backend backend) {
        Class<?> type = backend == Backend.RABBITMQ ? RabbitMqAppender.class : SlsAppender.class;
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (type.isInstance(it.next())) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean isLevel(String level) {
        return Level.toLevel(level, null) != null;
    }

    @Override
    public void attach(BackendSettings settings, LogPipeline pipeline) {
        detach(settings.backend());
        String minimum = settings.minimumLevel();
        PipelineAppender appender = new PipelineAppender(settings.backend().key(), pipeline,
                minimum == null ? null : Level.toLevel(minimum, null));
        appender.setName(appenderName(settings.backend()));
        appender.setContext(context);
        appender.start();
        for (String name : settings.loggers()) {
            context.getLogger("ROOT".equalsIgnoreCase(name) ? Logger.ROOT_LOGGER_NAME : name).addAppender(appender);
        }
    }

    @Override
    public void detach(Backend backend) {
        String name = appenderName(backend);
        for (Logger logger : context.getLoggerList()) {
            Appender<ILoggingEvent> appender = logger.getAppender(name);
            if (appender instanceof PipelineAppender) {
                logger.detachAppender(appender);
                appender.stop(); // leaves the pipeline running: the registry owns it
            }
        }
    }

    @Override
    public int attachedCount(Backend backend) {
        int count = 0;
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof PipelineAppender p && p.backend().equals(backend.key())) {
                    count++;
                }
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "Logback context '" + context.getName() + "'";
    }
}
