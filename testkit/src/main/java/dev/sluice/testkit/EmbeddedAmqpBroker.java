package dev.sluice.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.port.AmqpPort;

/**
 * An in-process Apache Qpid Broker-J that speaks AMQP 0-9-1 to the RabbitMQ Java client, for tests on machines
 * without RabbitMQ.
 *
 * <p>Configuration store and virtual host are in memory; the AMQP port is bound to an ephemeral port on
 * 127.0.0.1 only; there is no HTTP management. One user (guest/guest by default) authenticates with PLAIN on the
 * plain-text port. The RabbitMQ client's default virtual host {@code "/"} resolves to the broker's default
 * virtual host. The broker's work directory is a fresh temporary directory deleted by {@link #close()}.
 *
 * <p><b>TLS.</b> {@link #startTls} adds a second, TLS-only AMQP port ({@link #tlsPort()}, {@link #tlsUri}) that
 * presents the certificate of a given key store (see {@link SelfSignedKeyStores}); the plain port stays available,
 * e.g. for an {@link AmqpCollector}.
 *
 * <p><b>Logging.</b> Qpid logs through SLF4J to whatever binding the test class path provides; this module does
 * not bring one (Qpid 9.x does not pull in logback-classic either). A test that attaches the appender under test to
 * the root logger should set the logger {@value #LOGGER_PREFIX} to OFF or WARN, or the broker's own log lines flow
 * into the appender (and, if that appender publishes to this broker, can loop). Qpid's operational messages (one
 * INFO line per broker, connection and channel event, under {@value #OPERATIONAL_LOGGER_PREFIX}{@code .message.*},
 * outside {@value #LOGGER_PREFIX}) are switched off for the broker's lifetime (Qpid reads the switch once, at
 * start-up) unless the system property {@code qpid.broker_status_updates} is set explicitly; to be safe, set
 * {@value #OPERATIONAL_LOGGER_PREFIX} to OFF or WARN too. For example, in {@code logback-test.xml}:
 * <pre>{@code
 * <logger name="org.apache.qpid" level="WARN"/>
 * <logger name="qpid" level="WARN"/>
 * }</pre>
 *
 * <p>Side effects on the JVM: Qpid sets the system properties {@code qpid.version} and
 * {@code java.protocol.handler.pkgs} (its {@code data:}/{@code classpath:} URL handlers) and leaves them set.
 *
 * <p>Behaviour differs from RabbitMQ in corners: for example deleting a queue that does not exist closes the
 * channel (see {@link AmqpCollector#deleteExchange}, which uses a throwaway connection).
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {

    /** Logger name prefix of Qpid's own classes; set it to OFF or WARN in tests that log to the root logger. */
    public static final String LOGGER_PREFIX = "org.apache.qpid";

    /** Parent logger of Qpid's operational messages ({@code qpid.message.*}, {@code qpid.statistics.*}). */
    public static final String OPERATIONAL_LOGGER_PREFIX = "qpid";

    public static final String DEFAULT_USERNAME = "guest";
    public static final String DEFAULT_PASSWORD = "guest";

    private static final String HOST = "127.0.0.1";
    private static final String STATUS_UPDATES_PROPERTY = SystemConfig.PROPERTY_STATUS_UPDATES;

    /** Serialises start-ups: the status-updates switch is a JVM-wide system property read during start-up. */
    private static final Object STARTUP_LOCK = new Object();

    private final SystemLauncher launcher;
    private final Path workDir;
    private final AmqpEndpoint endpoint;
    private final int tlsPort; // 0: no TLS port
    private boolean closed; // guarded by this

    private EmbeddedAmqpBroker(SystemLauncher launcher, Path workDir, AmqpEndpoint endpoint, int tlsPort) {
        this.launcher = launcher;
        this.workDir = workDir;
        this.endpoint = endpoint;
        this.tlsPort = tlsPort;
    }

    /** Starts a broker with the single user guest/guest. */
    public static EmbeddedAmqpBroker start() {
        return start(DEFAULT_USERNAME, DEFAULT_PASSWORD);
    }

    /** Starts a broker whose only user is {@code username}/{@code password}. */
    public static EmbeddedAmqpBroker start(String username, String password) {
        return start(username, password, null);
    }

    /**
     * Starts a broker (user guest/guest) with two AMQP ports on 127.0.0.1: the plain one ({@link #port()},
     * {@link #endpoint()}, e.g. for an {@link AmqpCollector}) and a TLS-only one ({@link #tlsPort()}) that presents
     * the private key and certificate chain of {@code keyStore}, a PKCS12 file whose store and key password is
     * {@code password}. Clients must trust that certificate, and its subject alternative names decide which host
     * names pass their host name verification.
     */
    public static EmbeddedAmqpBroker startTls(Path keyStore, String password) {
        return startTls(keyStore, "PKCS12", password);
    }

    /** As {@link #startTls(Path, String)} for a key store of another type (e.g. {@code JKS}). */
    public static EmbeddedAmqpBroker startTls(Path keyStore, String keyStoreType, String password) {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStoreType, "keyStoreType");
        Objects.requireNonNull(password, "password");
        if (!Files.isReadable(keyStore)) {
            throw new IllegalArgumentException("cannot read key store " + keyStore);
        }
        return start(DEFAULT_USERNAME, DEFAULT_PASSWORD, new QpidInitialConfig.TlsKeyStore(
                keyStore.toAbsolutePath().toUri().toString(), keyStoreType, password));
    }

    private static EmbeddedAmqpBroker start(String username, String password, QpidInitialConfig.TlsKeyStore tls) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("username must not be empty");
        }
        Path workDir = TempDirectory.create("sluice-qpid-");
        StartupWatcher watcher = new StartupWatcher();
        SystemLauncher launcher = new SystemLauncher(watcher);
        try {
            launchQuietly(launcher, systemConfigAttributes(workDir, username, password, tls));
            int port = boundAmqpPort(watcher, QpidInitialConfig.AMQP_PORT);
            int tlsPort = tls == null ? 0 : boundAmqpPort(watcher, QpidInitialConfig.AMQPS_PORT);
            return new EmbeddedAmqpBroker(launcher, workDir,
                    new AmqpEndpoint(HOST, port, username, password, true), tlsPort);
        } catch (RuntimeException | Error e) {
            stopAfterFailedStart(launcher, workDir, e);
            throw e;
        }
    }

    public String host() {
        return endpoint.host();
    }

    public int port() {
        return endpoint.port();
    }

    public String username() {
        return endpoint.username();
    }

    public String password() {
        return endpoint.password();
    }

    /**
     * The TLS-only AMQP port of a broker started with {@link #startTls}, bound on 127.0.0.1.
     *
     * @throws IllegalStateException if this broker has no TLS port
     */
    public int tlsPort() {
        if (tlsPort == 0) {
            throw new IllegalStateException("this broker was started without TLS; use EmbeddedAmqpBroker.startTls");
        }
        return tlsPort;
    }

    /**
     * {@code amqps://user:pass@HOST:TLS_PORT} for {@code host}, the name to connect by (and to verify the
     * certificate against): {@code localhost}, {@code 127.0.0.1} or another name of the loopback address.
     */
    public String tlsUri(String host) {
        String plain = endpoint.uri();
        String userInfo = plain.substring("amqp://".length(), plain.lastIndexOf('@'));
        return "amqps://" + userInfo + "@" + host + ":" + tlsPort();
    }

    /** {@code amqp://user:pass@127.0.0.1:PORT} (default virtual host). */
    public String uri() {
        return endpoint.uri();
    }

    /** This broker as an endpoint, e.g. for {@link AmqpCollector#bind}. */
    public AmqpEndpoint endpoint() {
        return endpoint;
    }

    /** The broker's temporary work directory; gone after {@link #close()}. */
    public Path workDir() {
        return workDir;
    }

    /** Shuts the broker down and deletes its work directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            launcher.shutdown();
        } finally {
            deleteWorkDir(workDir);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedAmqpBroker{" + endpoint + (tlsPort == 0 ? "" : ", TLS port " + tlsPort) + "}";
    }

    private static Map<String, Object> systemConfigAttributes(Path workDir, String username, String password,
                                                              QpidInitialConfig.TlsKeyStore tls) {
        Map<String, String> context = new HashMap<>();
        context.put(SystemConfig.QPID_WORK_DIR, workDir.toString());
        // Nothing to keep between runs: no preferences file in the work directory.
        context.put("qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}");

        Map<String, Object> attributes = new HashMap<>();
        attributes.put(ConfiguredObject.TYPE, "Memory");
        attributes.put(ConfiguredObject.CONTEXT, context);
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION,
                QpidInitialConfig.asDataUrl(HOST, username, password, tls));
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, Boolean.FALSE);
        return attributes;
    }

    /**
     * Starts the launcher with Qpid's operational ("status update") messages off unless the user chose otherwise:
     * they are one INFO line per connection/channel event under {@code qpid.message.*}, outside
     * {@link #LOGGER_PREFIX}, and would flood a root-logger appender under test.
     */
    private static void launchQuietly(SystemLauncher launcher, Map<String, Object> attributes) {
        synchronized (STARTUP_LOCK) {
            boolean userChose = System.getProperty(STATUS_UPDATES_PROPERTY) != null;
            if (!userChose) {
                System.setProperty(STATUS_UPDATES_PROPERTY, "false");
            }
            try {
                launcher.startup(attributes);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("embedded Qpid broker failed to start", e);
            } finally {
                if (!userChose) {
                    System.clearProperty(STATUS_UPDATES_PROPERTY);
                }
            }
        }
    }

    private static int boundAmqpPort(StartupWatcher watcher, String portName) {
        if (watcher.failure() != null) {
            throw new IllegalStateException("embedded Qpid broker failed to start", watcher.failure());
        }
        SystemConfig<?> systemConfig = watcher.systemConfig();
        if (systemConfig == null) {
            throw new IllegalStateException("embedded Qpid broker did not start (no broker was created)");
        }
        Broker<?> broker = (Broker<?>) systemConfig.getContainer();
        if (broker == null || broker.getState() != State.ACTIVE) {
            throw new IllegalStateException("embedded Qpid broker is not active: "
                    + (broker == null ? "no broker" : broker.getState()));
        }
        for (Port<?> port : broker.getChildren(Port.class)) {
            if (port instanceof AmqpPort && portName.equals(port.getName())) {
                int bound = ((AmqpPort<?>) port).getBoundPort();
                if (bound > 0 && port.getState() == State.ACTIVE) {
                    return bound;
                }
                throw new IllegalStateException("AMQP port " + portName + " of embedded Qpid broker is not bound (state "
                        + port.getState() + ", bound port " + bound + ")");
            }
        }
        throw new IllegalStateException("embedded Qpid broker has no AMQP port " + portName);
    }

    private static void stopAfterFailedStart(SystemLauncher launcher, Path workDir, Throwable cause) {
        try {
            launcher.shutdown();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            TempDirectory.deleteRecursively(workDir);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static void deleteWorkDir(Path workDir) {
        try {
            TempDirectory.deleteRecursively(workDir);
        } catch (IOException e) {
            throw new IllegalStateException("could not delete embedded broker work directory " + workDir, e);
        }
    }
}
