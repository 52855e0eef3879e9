package dev.sluice.log4j2;

import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A private Log4j2 LoggerContext configured from a real log4j2.xml of the test resources. Values
 * reach the file as system properties ({@code ${sys:...}}), as they would in an application.
 */
final class Log4j2Fixture implements AutoCloseable {
    private static final AtomicInteger CONTEXTS = new AtomicInteger();
    final LoggerContext context;

    private Log4j2Fixture(LoggerContext context) {
        this.context = context;
    }

    static Log4j2Fixture start(String resource, Map<String, String> systemProperties) {
        systemProperties.forEach(System::setProperty);
        LoggerContext context = new LoggerContext("test-" + CONTEXTS.incrementAndGet(), null, resourceUri(resource));
        context.start();
        return new Log4j2Fixture(context);
    }

    static URI resourceUri(String resource) {
        URL url = Log4j2Fixture.class.getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(resource, e);
        }
    }

    Logger logger(String name) {
        return context.getLogger(name);
    }

    @SuppressWarnings("unchecked")
    <T extends Appender> T appender(String name) {
        return (T) context.getConfiguration().getAppender(name);
    }

    /** Names of live threads starting with the prefix. */
    static List<String> liveThreads(String prefix) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(prefix)) {
                names.add(t.getName());
            }
        }
        return names;
    }

    @Override
    public void close() {
        context.stop();
    }
}
