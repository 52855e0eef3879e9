package dev.sluice.testkit.sls;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process server that speaks the SLS PutLogs protocol: it verifies signature v1 against configured keys,
 * decodes lz4/deflate/plain protobuf LogGroups, keeps what it accepted in memory (optionally also as JSON lines)
 * and can inject faults. Point a client at {@link #endpoint()}; the project is taken from the Host header's first
 * label, so a client must send {@code Host: {project}.127.0.0.1:PORT}.
 *
 * <pre>{@code
 * try (SlsReceiver sls = SlsReceiver.builder().key("AKID", "SECRET").start()) {
 *     ... send to sls.endpoint() with project "shop", logstore "app" ...
 *     List<ReceivedLog> logs = sls.awaitLogs("shop", "app", 3, Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class SlsReceiver implements AutoCloseable {

    /** Default limit on one request's raw (uncompressed) body: 10 MB as the service documents. */
    public static final long DEFAULT_MAX_RAW_BODY_BYTES = 10L * 1024 * 1024;
    /** Default limit on the logs in one request. */
    public static final int DEFAULT_MAX_LOGS_PER_REQUEST = 4096;

    private final HttpServer server;
    private final ExecutorService executor;
    private final ReceivedStore store;
    private final FaultPlan faults;

    private SlsReceiver(HttpServer server, ExecutorService executor, ReceivedStore store, FaultPlan faults) {
        this.server = server;
        this.executor = executor;
        this.store = store;
        this.faults = faults;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    // ---- what arrived ----

    /** The logs accepted for one project/logstore, in arrival order. */
    public List<ReceivedLog> logs(String project, String logstore) {
        return store.logs(project, logstore);
    }

    /** Every accepted log, grouped by project/logstore in first-arrival order. */
    public List<ReceivedLog> logs() {
        return store.allLogs();
    }

    public int logCount(String project, String logstore) {
        return store.logCount(project, logstore);
    }

    /** Every request seen (accepted, refused, failed on purpose, dropped), in arrival order. */
    public List<ReceivedRequest> requests() {
        return store.requests();
    }

    /**
     * Waits until at least {@code n} logs are stored for the project/logstore and returns all of them.
     *
     * @throws AssertionError when the timeout passes first, saying what did arrive
     */
    public List<ReceivedLog> awaitLogs(String project, String logstore, int n, Duration timeout) {
        try {
            return store.awaitLogs(project, logstore, n, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for logs", e);
        }
    }

    /** Forgets stored logs, recorded requests and pending faults (including {@link #delayAll}). */
    public void clear() {
        store.clear();
        faults.clear();
    }

    // ---- faults: applied in queue order to the next requests that pass every check ----

    /** The next {@code n} valid requests are answered with this status and SLS error body; their logs are not stored. */
    public SlsReceiver failNext(int n, int httpStatus, String errorCode, String errorMessage) {
        faults.add(n, new FaultPlan.Fault(FaultPlan.Kind.FAIL, httpStatus, Objects.requireNonNull(errorCode),
                Objects.requireNonNull(errorMessage), Duration.ZERO));
        return this;
    }

    /** The next {@code n} valid requests are answered with this status and this body verbatim (e.g. a proxy's HTML). */
    public SlsReceiver failNextWithBody(int n, int httpStatus, String rawBody) {
        faults.add(n, new FaultPlan.Fault(FaultPlan.Kind.FAIL_RAW, httpStatus, null, Objects.requireNonNull(rawBody),
                Duration.ZERO));
        return this;
    }

    /** The next {@code n} valid requests are stored at once but answered 200 only after {@code delay}. */
    public SlsReceiver delayNext(int n, Duration delay) {
        faults.add(n, new FaultPlan.Fault(FaultPlan.Kind.DELAY, 200, null, null, Objects.requireNonNull(delay)));
        return this;
    }

    /** Every valid request without a queued fault is stored at once and answered after {@code delay}; ZERO ends it. */
    public SlsReceiver delayAll(Duration delay) {
        faults.delayAll(Objects.requireNonNull(delay));
        return this;
    }

    /** The next {@code n} valid requests get no HTTP response at all: the connection is closed; nothing is stored. */
    public SlsReceiver dropNextConnections(int n) {
        faults.add(n, new FaultPlan.Fault(FaultPlan.Kind.DROP, 0, null, null, Duration.ZERO));
        return this;
    }

    /** Stops at once: open exchanges (including delayed answers) are abandoned. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "SlsReceiver[" + endpoint() + "]";
    }

    /** Configures and starts a receiver. */
    public static final class Builder {

        private int port;
        private final Map<String, AccessKey> keys = new LinkedHashMap<>();
        private Path directory;
        private long maxRawBodyBytes = DEFAULT_MAX_RAW_BODY_BYTES;
        private int maxLogsPerRequest = DEFAULT_MAX_LOGS_PER_REQUEST;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Accepts requests signed with this permanent AccessKey pair. */
        public Builder key(String accessKeyId, String accessKeySecret) {
            return key(accessKeyId, accessKeySecret, null);
        }

        /** Accepts requests signed with this STS key pair AND carrying this x-acs-security-token. */
        public Builder key(String accessKeyId, String accessKeySecret, String securityToken) {
            keys.put(accessKeyId, new AccessKey(accessKeyId, accessKeySecret, securityToken));
            return this;
        }

        /** Also appends accepted logs as JSON lines to {@code directory/project/logstore.jsonl}. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** Refuses (400 PostBodyTooLarge) a request whose raw body is larger. */
        public Builder maxRawBodyBytes(long maxRawBodyBytes) {
            this.maxRawBodyBytes = maxRawBodyBytes;
            return this;
        }

        /** Refuses (400 InvalidLogSize) a request carrying more logs. */
        public Builder maxLogsPerRequest(int maxLogsPerRequest) {
            this.maxLogsPerRequest = maxLogsPerRequest;
            return this;
        }

        /** The clock the Date header's 15 minute skew is checked against. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public SlsReceiver start() {
            if (keys.isEmpty()) {
                throw new IllegalStateException("configure at least one key(...): every request must be signed");
            }
            ReceivedStore store = new ReceivedStore();
            FaultPlan faults = new FaultPlan();
            PutLogsHandler handler = new PutLogsHandler(new RequestVerifier(keys, clock),
                    new LogGroupDecoder(maxRawBodyBytes, maxLogsPerRequest), store, faults,
                    directory == null ? null : new JsonLinesWriter(directory), maxRawBodyBytes);
            AtomicInteger threads = new AtomicInteger();
            ExecutorService executor = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "sls-receiver-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            try {
                HttpServer server = HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
                server.createContext("/", handler);
                server.setExecutor(executor);
                server.start();
                return new SlsReceiver(server, executor, store, faults);
            } catch (IOException e) {
                executor.shutdownNow();
                throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
            }
        }
    }
}
