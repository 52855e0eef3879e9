package dev.sluice.docs;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;

/** Loads a log4j2.xml into a LoggerContext of its own and reports what the StatusLogger said while starting it. */
final class Log4j2Loader {
    private static final AtomicInteger CONTEXTS = new AtomicInteger();
    private static final Set<String> SLUICE_PLUGINS = Set.of("sluicerabbitmq", "sluicesls");

    static {
        // Log4j2 reports its own set-up once per JVM (e.g. the two logging providers this test class path has);
        // that must happen before, not during, the first configuration we judge.
        org.apache.logging.log4j.LogManager.getFactory();
        new LoggerContext("docs-check-warm-up").stop();
    }

    private Log4j2Loader() {
    }

    /** Lets Log4j2 report its once-per-JVM set-up now, before a test starts listening to the StatusLogger. */
    static void initialise() {
        // The static initialiser above does the work.
    }

    /**
     * A started context; the caller stops it. Variables become configuration properties: Log4j2 falls
     * back to them for {@code ${env:NAME}} and {@code ${sys:NAME}} when the environment has no such name.
     */
    static Loaded load(String xml, Map<String, String> variables) {
        Path file = TempFiles.write("docs-check-log4j2-", ".xml", xml);
        LoggerContext context = new LoggerContext("docs-check-" + CONTEXTS.incrementAndGet(), null, file.toUri());
        ConfigurationStatus statuses = new ConfigurationStatus(Thread.currentThread());
        StatusLogger.getLogger().registerListener(statuses);
        LoadReport report = new LoadReport();
        try {
            Configuration configuration = ConfigurationFactory.getInstance()
                    .getConfiguration(context, context.getName(), file.toUri());
            configuration.getProperties().putAll(variables);
            context.start(configuration);
        } finally {
            // Only start-up counts: what the sender threads report later (a broker that is not there) does not.
            StatusLogger.getLogger().removeListener(statuses);
            TempFiles.delete(file);
        }
        report.problems.addAll(statuses.problems);
        report.declared.addAll(declaredSluiceAppenders(xml));
        for (Appender a : context.getConfiguration().getAppenders().values()) {
            if (a.getClass().getName().startsWith("dev.sluice.") && a.isStarted()) {
                report.started.add(a.getName());
            }
        }
        return new Loaded(context, report);
    }

    /** Names of the {@code <SluiceRabbitMq>} / {@code <SluiceSls>} elements (plugin names are case-insensitive). */
    static Set<String> declaredSluiceAppenders(String xml) {
        Set<String> names = new TreeSet<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            collect(factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement(),
                    names);
        } catch (Exception e) {
            throw new IllegalStateException("not well-formed XML: " + e.getMessage(), e);
        }
        return names;
    }

    private static void collect(Element e, Set<String> names) {
        if (SLUICE_PLUGINS.contains(e.getTagName().toLowerCase(Locale.ROOT))) {
            names.add(e.getAttribute("name"));
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                collect((Element) n, names);
            }
        }
    }



    static final class Loaded implements AutoCloseable {
        final LoggerContext context;
        final LoadReport report;

        Loaded(LoggerContext context, LoadReport report) {
            this.context = context;
            this.report = report;
        }

        /** Stops the context: Sluice's appenders drain and end their threads. */
        @Override
        public void close() {
            if (!context.isStopped()) {
                context.stop();
            }
        }
    }

    /** Warnings and errors reported on the configuring thread while the listener is registered. */
    private static final class ConfigurationStatus implements StatusListener {
        private final String configuring;
        private final List<String> problems = new CopyOnWriteArrayList<>();

        ConfigurationStatus(Thread configuring) {
            this.configuring = configuring.getName();
        }

        @Override
        public void log(StatusData data) {
            if (data.getLevel().isMoreSpecificThan(Level.WARN) && configuring.equals(data.getThreadName())) {
                Throwable t = data.getThrowable();
                problems.add(data.getMessage().getFormattedMessage() + (t == null ? "" : " (" + t + ")"));
            }
        }

        @Override
        public Level getStatusLevel() {
            return Level.WARN;
        }

        @Override
        public void close() {
        }
    }
}
