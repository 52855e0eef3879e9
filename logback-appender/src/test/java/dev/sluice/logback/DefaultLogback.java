package dev.sluice.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.util.Map;

/**
 * The JVM's default Logback context (SLF4J's), which the client libraries Sluice drives log to:
 * reconfigured from a test resource, and restored to logback-test.xml afterwards.
 */
final class DefaultLogback {
    private DefaultLogback() {
    }

    static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    static LoggerContext configure(String resource, Map<String, String> properties) {
        return configure(resource(resource), properties);
    }

    static LoggerContext configure(URL configuration, Map<String, String> properties) {
        LoggerContext context = context();
        context.reset();
        properties.forEach(context::putProperty);
        load(context, configuration);
        return context;
    }

    /** Back to the quiet test configuration, stopping whatever the test attached. */
    static void restore() {
        LoggerContext context = context();
        context.reset();
        load(context, resource("/logback-test.xml"));
    }

    static URL resource(String resource) {
        URL url = DefaultLogback.class.getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        return url;
    }

    private static void load(LoggerContext context, URL url) {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(url);
        } catch (JoranException e) {
            throw new IllegalStateException(e);
        }
    }
}
