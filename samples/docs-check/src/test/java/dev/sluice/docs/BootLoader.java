package dev.sluice.docs;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import dev.sluice.docs.app.SnippetApplication;
import dev.sluice.logback.PipelineAppender;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a minimal non-web Spring Boot application on Logback with documented {@code sluice.*}
 * properties, with {@code sluice.strict=true} given on the command line (it outranks every file):
 * an unknown or invalid property then fails start-up instead of being reported and skipped.
 */
final class BootLoader {
    private BootLoader() {
    }

    /**
     * @param suffix    {@code .yml} or {@code .properties}: how Boot reads the text
     * @param overrides properties that outrank the file (a test's broker), or none
     */
    static Loaded start(String text, String suffix, Map<String, String> variables, Map<String, String> overrides) {
        Path file = TempFiles.write("docs-check-application-", suffix, text);
        SpringApplication application = new SpringApplication(SnippetApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setMainApplicationClass(SnippetApplication.class);
        application.setRegisterShutdownHook(false);
        Map<String, Object> defaults = new HashMap<>(variables);
        defaults.put("spring.config.import", "file:" + file);
        application.setDefaultProperties(defaults);
        String[] args = new String[overrides.size() + 1];
        args[0] = "--sluice.strict=true";
        int i = 1;
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            args[i++] = "--" + o.getKey() + "=" + o.getValue();
        }
        LoadReport report = new LoadReport();
        ConfigurableApplicationContext app = null;
        LogbackStatusRecorder statuses = new LogbackStatusRecorder(Thread.currentThread(),
                LogbackStatusRecorder::fromSluice);
        logback().getStatusManager().add(statuses);
        try {
            app = application.run(args);
        } catch (RuntimeException e) {
            report.problems.add("start-up failed: " + rootMessage(e));
        } finally {
            report.problems.addAll(statuses.stop());
            logback().getStatusManager().remove(statuses);
            TempFiles.delete(file);
        }
        if (app != null) {
            expectBackends(app.getEnvironment(), report);
            for (Appender<ILoggingEvent> a : LogbackLoader.attachedAppenders(logback())) {
                if (a instanceof PipelineAppender && a.isStarted()
                        && !((PipelineAppender) a).pipeline().isStopped()) {
                    report.started.add(((PipelineAppender) a).backend());
                }
            }
        }
        return new Loaded(app, report);
    }

    /** The backends the properties turn on: a target is set and nothing disables it. */
    private static void expectBackends(Environment env, LoadReport report) {
        if (!env.getProperty("sluice.enabled", Boolean.class, true)) {
            return;
        }
        if ((env.containsProperty("sluice.rabbitmq.uri") || env.containsProperty("sluice.rabbitmq.addresses"))
                && env.getProperty("sluice.rabbitmq.enabled", Boolean.class, true)) {
            report.declared.add("rabbitmq");
        }
        if (env.containsProperty("sluice.sls.endpoint") && env.getProperty("sluice.sls.enabled", Boolean.class, true)) {
            report.declared.add("sls");
        }
    }

    static LoggerContext logback() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    private static String rootMessage(Throwable e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            s.append(" <- ").append(t.getMessage());
        }
        return s.toString();
    }



    /** A started application; closing it also stops logging, as Boot's shutdown hook would, which drains Sluice. */
    static final class Loaded implements AutoCloseable {
        final ConfigurableApplicationContext app;
        final LoadReport report;

        Loaded(ConfigurableApplicationContext app, LoadReport report) {
            this.app = app;
            this.report = report;
        }

        @Override
        public void close() {
            if (app != null) {
                app.close();
            }
            Runnable shutdown = LoggingSystem.get(BootLoader.class.getClassLoader()).getShutdownHandler();
            if (shutdown != null) {
                shutdown.run();
            }
        }
    }
}
