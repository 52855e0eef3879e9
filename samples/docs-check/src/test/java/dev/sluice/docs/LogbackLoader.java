package dev.sluice.docs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.spi.AppenderAttachable;
import org.slf4j.MDC;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * Loads a logback.xml into a LoggerContext of its own, as an application would at start-up, and
 * reports what Logback and Sluice said while configuring.
 */
final class LogbackLoader {
    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    private LogbackLoader() {
    }

    /** A configured context; the caller stops it. Variables are context properties, as Logback looks them up first. */
    static Loaded load(String xml, Map<String, String> variables) {
        LoggerContext context = new LoggerContext();
        context.setName("docs-check-" + CONTEXTS.incrementAndGet());
        // What SLF4J's initialisation gives the real context; without it Logback cannot read an event's MDC.
        context.setMDCAdapter(MDC.getMDCAdapter());
        variables.forEach(context::putProperty);
        LogbackStatusRecorder statuses = new LogbackStatusRecorder(Thread.currentThread(), s -> true);
        context.getStatusManager().add(statuses);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        LoadReport report = new LoadReport();
        try {
            configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (JoranException e) {
            report.problems.add("Logback refused it: " + e.getMessage());
        } finally {
            report.problems.addAll(statuses.stop());
        }
        report.declared.addAll(declaredSluiceAppenders(xml));
        for (Appender<ILoggingEvent> a : attachedAppenders(context)) {
            if (a.getClass().getName().startsWith("dev.sluice.") && a.isStarted()) {
                report.started.add(a.getName());
            }
        }
        return new Loaded(context, report);
    }

    /** Every appender attached to a logger, and those attached to those (an AsyncAppender's). */
    static List<Appender<ILoggingEvent>> attachedAppenders(LoggerContext context) {
        Map<Appender<ILoggingEvent>, Boolean> seen = new IdentityHashMap<>();
        List<Appender<ILoggingEvent>> all = new java.util.ArrayList<>();
        for (Logger logger : context.getLoggerList()) {
            collect(logger.iteratorForAppenders(), seen, all);
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Iterator<Appender<ILoggingEvent>> it, Map<Appender<ILoggingEvent>, Boolean> seen,
                                List<Appender<ILoggingEvent>> all) {
        while (it.hasNext()) {
            Appender<ILoggingEvent> a = it.next();
            if (seen.put(a, Boolean.TRUE) == null) {
                all.add(a);
                if (a instanceof AppenderAttachable) {
                    collect(((AppenderAttachable<ILoggingEvent>) a).iteratorForAppenders(), seen, all);
                }
            }
        }
    }

    /** Names of the {@code <appender>} elements whose class is one of ours. */
    static Set<String> declaredSluiceAppenders(String xml) {
        Set<String> names = new java.util.TreeSet<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList appenders = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)))
                    .getElementsByTagName("appender");
            for (int i = 0; i < appenders.getLength(); i++) {
                Element a = (Element) appenders.item(i);
                if (a.getAttribute("class").startsWith("dev.sluice.")) {
                    names.add(a.getAttribute("name"));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("not well-formed XML: " + e.getMessage(), e);
        }
        return names;
    }

    /** A loaded context and its report. */
    static final class Loaded implements AutoCloseable {
        final LoggerContext context;
        final LoadReport report;
        private boolean closed;

        Loaded(LoggerContext context, LoadReport report) {
            this.context = context;
            this.report = report;
        }

        /** Stops the context (once): Sluice's appenders drain and end their threads. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                context.stop();
            }
        }
    }
}
