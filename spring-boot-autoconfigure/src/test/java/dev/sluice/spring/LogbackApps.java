package dev.sluice.spring;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.sluice.config.Backend;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.spring.logback.LogbackRegistries;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Starts real Spring Boot applications on Logback and stops logging the way Boot's shutdown hook does. */
final class LogbackApps {
    private LogbackApps() {
    }

    static ConfigurableApplicationContext run(Class<?> app, Map<String, Object> properties) {
        return run(app, properties, null);
    }

    static ConfigurableApplicationContext run(Class<?> app, Map<String, Object> properties,
                                              ConfigurableEnvironment environment) {
        SpringApplication application = new SpringApplication(app);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setMainApplicationClass(app); // "Starting <app> using Java ..." as from a main method
        application.setRegisterShutdownHook(false);
        application.setDefaultProperties(properties);
        if (environment != null) {
            application.setEnvironment(environment);
        }
        return application.run();
    }

    /**
     * What Boot's shutdown hook does after closing the contexts: run the logging system's shutdown
     * handler (for Logback, {@code LoggerContext.stop()}), which drains the pipelines.
     */
    static void shutdownLogging() {
        Runnable handler = LoggingSystem.get(LogbackApps.class.getClassLoader()).getShutdownHandler();
        if (handler != null) {
            handler.run();
        }
    }

    static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    static PipelineRegistry registry() {
        return LogbackRegistries.obtain(context());
    }

    static LogPipeline pipeline(Backend backend) {
        return registry().pipelines().get(backend);
    }

    static int attached(Backend backend) {
        return registry().target().attachedCount(backend);
    }

    static List<String> statuses(int level) {
        return context().getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() >= level)
                .map(Status::getMessage)
                .collect(Collectors.toList());
    }

    static List<String> errors() {
        return statuses(Status.ERROR);
    }
}
