package dev.sluice.spring.log4j2;

import dev.sluice.config.Backend;
import dev.sluice.log4j2.Log4j2StatusSink;
import dev.sluice.log4j2.PipelineAppender;
import dev.sluice.log4j2.SluiceRabbitMqAppender;
import dev.sluice.log4j2.SluiceSlsAppender;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.runtime.StatusSink;
import dev.sluice.spring.BackendSettings;
import dev.sluice.spring.LoggingTarget;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Adds {@link PipelineAppender}s to the current configuration of a Log4j2 {@link LoggerContext}. */
final class Log4j2Target implements LoggingTarget {
    private final LoggerContext context;

    Log4j2Target(LoggerContext context) {
        this.context = context;
    }

    static String appenderName(Backend backend) {
        return "SLUICE_" + backend.key().toUpperCase(Locale.ROOT);
    }

    @Override
    public StatusSink status() {
        return Log4j2StatusSink.INSTANCE;
    }

    @Override
    public boolean declaresOwnAppender(Backend backend) {
        Class<?> type = backend == Backend.RABBITMQ ? SluiceRabbitMqAppender.class : SluiceSlsAppender.class;
        return context.getConfiguration().getAppenders().values().stream().anyMatch(type::isInstance);
    }

    @Override
    public boolean isLevel(String level) {
        return Level.getLevel(level.toUpperCase(Locale.ROOT)) != null;
    }

    @Override
    public void attach(BackendSettings settings, LogPipeline pipeline) {
        Configuration configuration = context.getConfiguration();
        detachFrom(configuration, settings.backend());
        String minimum = settings.minimumLevel();
        PipelineAppender appender = new PipelineAppender(appenderName(settings.backend()), settings.backend().key(),
                pipeline, minimum == null ? null : Level.getLevel(minimum.toUpperCase(Locale.ROOT)));
        appender.start();
        configuration.addAppender(appender);
        for (String name : settings.loggers()) {
            loggerConfig(configuration, name).addAppender(appender, null, null);
        }
        context.updateLoggers();
    }

    /** The logger's own configuration, created (inheriting level and appenders) when it has none yet. */
    private static LoggerConfig loggerConfig(Configuration configuration, String name) {
        if ("ROOT".equalsIgnoreCase(name) || name.isEmpty()) {
            return configuration.getRootLogger();
        }
        LoggerConfig found = configuration.getLoggerConfig(name);
        if (found.getName().equals(name)) {
            return found;
        }
        LoggerConfig own = LoggerConfig.newBuilder().withLoggerName(name).withAdditivity(true)
                .withConfig(configuration).build();
        configuration.addLogger(name, own);
        return own;
    }

    @Override
    public void detach(Backend backend) {
        detachFrom(context.getConfiguration(), backend);
        context.updateLoggers();
    }

    private static void detachFrom(Configuration configuration, Backend backend) {
        String name = appenderName(backend);
        for (LoggerConfig logger : loggerConfigs(configuration)) {
            if (logger.getAppenders().get(name) instanceof PipelineAppender) {
                logger.removeAppender(name);
            }
        }
        Appender appender = configuration.getAppenders().get(name);
        if (appender instanceof PipelineAppender) {
            configuration.getAppenders().remove(name);
            appender.stop(); // leaves the pipeline running: the registry owns it
        }
    }

    private static List<LoggerConfig> loggerConfigs(Configuration configuration) {
        List<LoggerConfig> all = new ArrayList<>(configuration.getLoggers().values());
        if (!all.contains(configuration.getRootLogger())) {
            all.add(configuration.getRootLogger());
        }
        return all;
    }

    @Override
    public int attachedCount(Backend backend) {
        int count = 0;
        for (LoggerConfig logger : loggerConfigs(context.getConfiguration())) {
            for (Appender appender : logger.getAppenders().values()) {
                if (appender instanceof PipelineAppender p && p.backend().equals(backend.key())) {
                    count++;
                }
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "Log4j2 context '" + context.getName() + "'";
    }

    static LoggerContext currentContext() {
        return LogManager.getContext(false) instanceof LoggerContext core ? core : null;
    }
}
