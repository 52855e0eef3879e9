package dev.sluice.benchmarks;

import dev.sluice.testkit.IsolatedClassLoader;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The official {@code aliyun-log-logback-appender} (or a no-op appender, its baseline) in its own Logback 1.2
 * LoggerContext inside an {@link IsolatedClassLoader}: its runtime (Logback 1.2, protobuf-java 2.5, ...) clashes
 * with ours. The jars are those Maven copies to {@code benchmarks/target/official-sls-appender} (next to
 * benchmarks.jar), or the directory named by the system property {@value #DIR_PROPERTY}.
 */
final class OfficialSlsContext implements AutoCloseable {
    static final String DIR_PROPERTY = "sluice.officialSlsAppender.dir";
    /**
     * Classes copied into the isolated loader: the driver and testkit's ProxiedLoghubAppender. Named, not referenced:
     * they extend Logback 1.2 / official classes that are not on this class path.
     */
    private static final String DRIVER = "dev.sluice.benchmarks.official.OfficialSlsDriver";
    private static final String[] GUEST_PACKAGES = {"dev.sluice.benchmarks.official", "dev.sluice.testkit.sls.official"};

    private final IsolatedClassLoader loader;
    private final Consumer<Object[]> log;
    private final BiConsumer<String, String> mdc;
    private final Supplier<List<String>> errors;
    private final Runnable stop;
    private boolean stopped;

    @SuppressWarnings("unchecked")
    private OfficialSlsContext(IsolatedClassLoader loader, Map<String, Object> handles) {
        this.loader = loader;
        this.log = (Consumer<Object[]>) handles.get("log");
        this.mdc = (BiConsumer<String, String>) handles.get("mdc");
        this.errors = (Supplier<List<String>>) handles.get("errors");
        this.stop = (Runnable) handles.get("stop");
    }

    /**
     * Starts the official appender against {@code receiverPort} on 127.0.0.1, or (with {@code noop}) the no-op
     * appender; the logger is {@link Workload#LOGGER} and every call logs {@link Workload#TEMPLATE}.
     */
    static OfficialSlsContext start(boolean noop, int receiverPort) {
        IsolatedClassLoader loader = IsolatedClassLoader.of(jarDirectory(), OfficialSlsContext.class.getClassLoader(),
                GUEST_PACKAGES);
        try {
            Class<?> driver = Class.forName(DRIVER, true, loader);
            @SuppressWarnings("unchecked")
            Map<String, Object> handles = (Map<String, Object>) driver
                    .getMethod("start", boolean.class, String.class, Map.class, String.class, String.class)
                    .invoke(null, noop, "127.0.0.1:" + receiverPort, SlsTarget.officialSettings(), Workload.LOGGER,
                            Workload.TEMPLATE);
            return new OfficialSlsContext(loader, handles);
        } catch (ReflectiveOperationException e) {
            close(loader);
            throw new IllegalStateException("could not start the official appender in its class loader", e);
        }
    }

    static Path jarDirectory() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            // target/benchmarks.jar (or target/classes when run from an IDE) -> target/official-sls-appender
            Path here = Path.of(OfficialSlsContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = here.getParent().resolve("official-sls-appender");
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException(dir + " is missing: build with ./mvnw -pl benchmarks -am package, or set -D"
                        + DIR_PROPERTY);
            }
            return dir;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One log call: {@code logger.info(TEMPLATE, args)} through the isolated Logback 1.2 logger. */
    void log(Object[] args) {
        log.accept(args);
    }

    /** Sets the workload's two MDC entries on the calling thread, in the isolated slf4j 1.7 MDC. */
    void setWorkloadMdc() {
        mdc.accept(Workload.MDC_REQUEST_ID, Workload.requestId());
        mdc.accept(Workload.MDC_TENANT, "acme-retail");
    }

    /** Error statuses of the isolated context (Logback keeps the first and last 150 statuses only). */
    List<String> errors() {
        return errors.get();
    }

    /** Stops the context: the official appender closes its producer (which sends what it holds). Idempotent. */
    void stop() {
        if (!stopped) {
            stopped = true;
            stop.run();
        }
    }

    @Override
    public void close() {
        stop();
        close(loader);
    }

    private static void close(IsolatedClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            System.err.println("could not close " + loader.getName() + ": " + e);
        }
    }
}
