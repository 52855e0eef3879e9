package dev.sluice.testkit.sls;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An in-process server that speaks the SLS PutLogs protocol: it verifies signature v1 against configured keys,
 * decodes lz4/deflate/plain protobuf LogGroups, keeps what it accepted in memory (optionally also as JSON lines)
 * and can inject faults. Point a client at {@link #endpoint()}; the project is taken from the Host header's first
 * label, so a client must send {@code Host: {project}.127.0.0.1:PORT}.
 *
 * <p>Whatever clients send, what it holds is bounded: a request's head (size, header count) and body (declared
 * sizes, checked with the signature before the body is read), the logs and contents one request may carry (counted
 * while decoding), the connections open at once and the bodies in memory at once, and the time a request may take
 * to arrive. What it keeps afterwards is not, unless {@link Builder#retainReceived(boolean) retainReceived(false)}:
 * a test receiver keeps every log and request for assertions; the standalone server keeps none.
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
    /** Default limit on the contents of one log. */
    public static final int DEFAULT_MAX_CONTENTS_PER_LOG = 10_000;
    /** Default limit on the contents of all logs of one request (4096 logs of 64). */
    public static final int DEFAULT_MAX_CONTENTS_PER_REQUEST = 262_144;
    /** Default limit on a request's line and headers together. */
    public static final int DEFAULT_MAX_HEAD_BYTES = 64 * 1024;
    /** Default limit on the number of header fields of a request. */
    public static final int DEFAULT_MAX_HEADER_COUNT = 100;
    /** Default time a request may take to arrive once its first byte did, and an idle connection is kept. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Default limit on connections open at once (one thread each); more wait in the listen backlog. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    /** Default limit on request bodies being read, decoded and written at once. */
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

    private final BoundedHttpServer server;
    private final ReceivedStore store;
    private final FaultPlan faults;
    private final InFlight inFlight;

    private SlsReceiver(BoundedHttpServer server, ReceivedStore store, FaultPlan faults, InFlight inFlight) {
        this.server = server;
        this.store = store;
        this.faults = faults;
        this.inFlight = inFlight;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.port();
    }

    // ---- what arrived ----

    /**
     * The logs accepted for one project/logstore, in arrival order.
     *
     * @throws IllegalStateException when built with {@code retainReceived(false)}; so do {@link #logs()},
     *                               {@link #requests()} and {@link #awaitLogs}
     */
    public List<ReceivedLog> logs(String project, String logstore) {
        return store.logs(project, logstore);
    }

    /** Every accepted log, grouped by project/logstore in first-arrival order. */
    public List<ReceivedLog> logs() {
        return store.allLogs();
    }

    /** Logs accepted for one project/logstore since start or {@link #clear()}; counted also without retention. */
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

    /**
     * Forgets stored logs, recorded requests and pending faults (including {@link #delayAll}), releases held answers
     * (see {@link #holdAnswers}) and restarts {@link #mostRequestsAtOnce()}.
     */
    public void clear() {
        store.clear();
        faults.clear();
        inFlight.clear();
    }

    // ---- faults: applied in queue order to the next requests that pass every check ----

    /** The next {@code n} valid requests are answered with this status and SLS error body; their logs are not stored. */
    public SlsReceiver failNext(int n, int httpStatus, String errorCode, String errorMessage) {
        faults.add(n, new FaultPlan.Fault(FaultPlan.Kind.FAIL, httpStatus, Objects.requireNonNull(errorCode),
                Objects.requireNonNull(errorMessage), Duration.ZERO));
        return this;
    }

    /**
     * The next {@code n} valid requests carrying a log whose content {@code field} equals {@code value} are answered
     * with this status and SLS error body; their logs are not stored. Other requests neither get nor use up this
     * fault, so it hits the intended request even when several arrive at once. Checked before the faults queued by
     * the other methods: a request it hits does not use up one of those.
     */
    public SlsReceiver failNextCarrying(int n, String field, String value, int httpStatus, String errorCode,
            String errorMessage) {
        faults.addAimed(n, Objects.requireNonNull(field), Objects.requireNonNull(value),
                new FaultPlan.Fault(FaultPlan.Kind.FAIL, httpStatus, Objects.requireNonNull(errorCode),
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

    // ---- concurrency: seeing a client's requests in flight at once, without timing anything ----

    /**
     * From now on every valid request is handled as usual (stored, or answered with its fault) but its answer is
     * held back until {@link #releaseAnswers()}; {@link #awaitHeldAnswers} sees how many requests a client has in
     * flight at once.
     */
    public SlsReceiver holdAnswers() {
        inFlight.hold();
        return this;
    }

    /** Sends every held answer (each after its delay, if any) and stops holding. */
    public SlsReceiver releaseAnswers() {
        inFlight.release();
        return this;
    }

    /**
     * Waits until {@code n} answers are held at once (see {@link #holdAnswers}).
     *
     * @throws AssertionError when the timeout passes first, saying how many were held
     */
    public void awaitHeldAnswers(int n, Duration timeout) {
        try {
            if (!inFlight.awaitHeld(n, timeout.toMillis())) {
                throw new AssertionError("only " + inFlight.held() + " of " + n + " answers held within " + timeout
                        + "; requests so far: " + requestCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for held answers", e);
        }
    }

    /**
     * The most requests handled at once since start or {@link #clear()}: a request counts from the moment its head
     * arrived until its answer is decided (before the answer is written, so a client cannot have had it).
     */
    public int mostRequestsAtOnce() {
        return inFlight.mostAtOnce();
    }

    /** Requests answered (or dropped) since start or {@link #clear()}; counted also without retention. */
    public long requestCount() {
        return store.requestCount();
    }

    /** Logs and requests held in memory for {@link #logs()} and {@link #requests()}; 0 without retention. */
    long retainedObjects() {
        return store.retainedObjects();
    }

    /** Stops at once: open exchanges (including delayed answers) are abandoned. */
    @Override
    public void close() {
        server.close();
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
        private int maxContentsPerLog = DEFAULT_MAX_CONTENTS_PER_LOG;
        private int maxContentsPerRequest = DEFAULT_MAX_CONTENTS_PER_REQUEST;
        private int maxHeadBytes = DEFAULT_MAX_HEAD_BYTES;
        private int maxHeaderCount = DEFAULT_MAX_HEADER_COUNT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
        private boolean retainReceived = true;
        private PrintStream console;
        private LogFile.Opener files = LogFile.FILES;
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

        /** Refuses (400 InvalidLogSize) a request with a log carrying more contents, as soon as it is decoded. */
        public Builder maxContentsPerLog(int maxContentsPerLog) {
            this.maxContentsPerLog = maxContentsPerLog;
            return this;
        }

        /** Refuses (400 PostBodyTooLarge: the sender may split) a request carrying more contents in all its logs. */
        public Builder maxContentsPerRequest(int maxContentsPerRequest) {
            this.maxContentsPerRequest = maxContentsPerRequest;
            return this;
        }

        /** Refuses (431, connection closed) a request whose request line and headers are larger or more. */
        public Builder maxHead(int maxHeadBytes, int maxHeaderCount) {
            this.maxHeadBytes = maxHeadBytes;
            this.maxHeaderCount = maxHeaderCount;
            return this;
        }

        /**
         * How long a request (head and body) may take to arrive once its first byte did, and how long an idle
         * keep-alive connection is kept: a slower client is answered 408 and disconnected.
         */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = Objects.requireNonNull(readTimeout);
            return this;
        }

        /** Connections served at once (one thread each); further ones wait in the listen backlog. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * Request bodies read, decoded and written at once; a request waiting longer than the read timeout for its
         * turn is answered 503 ServerBusy. With the body limits this is what bounds the receiver's memory.
         */
        public Builder maxConcurrentRequests(int maxConcurrentRequests) {
            this.maxConcurrentRequests = maxConcurrentRequests;
            return this;
        }

        /**
         * Whether accepted logs and every request are kept for {@link SlsReceiver#logs}, {@link SlsReceiver#requests}
         * and {@link SlsReceiver#awaitLogs} (the default, for tests). Off, only counts are kept: memory no longer grows
         * with what was received, as a long-running server needs.
         */
        public Builder retainReceived(boolean retainReceived) {
            this.retainReceived = retainReceived;
            return this;
        }

        /** Where to report server-side failures (e.g. a JSON lines write failing on a full disk); none by default. */
        public Builder console(PrintStream console) {
            this.console = console;
            return this;
        }

        /** For tests: how JSON lines files are opened (e.g. one that fails like a full disk). */
        Builder files(LogFile.Opener files) {
            this.files = Objects.requireNonNull(files);
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
            if (maxRawBodyBytes <= 0 || maxRawBodyBytes > Integer.MAX_VALUE / 2 || maxLogsPerRequest <= 0
                    || maxContentsPerLog <= 0 || maxContentsPerRequest <= 0 || maxConcurrentRequests <= 0) {
                throw new IllegalStateException("limits must be positive (maxRawBodyBytes at most 1 GB)");
            }
            HttpLimits limits = new HttpLimits(maxHeadBytes, maxHeaderCount, readTimeout, readTimeout, maxConnections);
            ReceivedStore store = new ReceivedStore(retainReceived);
            FaultPlan faults = new FaultPlan();
            InFlight inFlight = new InFlight();
            PutLogsHandler handler = new PutLogsHandler(new RequestVerifier(keys, clock),
                    new LogGroupDecoder(maxRawBodyBytes, maxLogsPerRequest, maxContentsPerLog, maxContentsPerRequest),
                    store, faults, inFlight, directory == null ? null : new JsonLinesWriter(directory, files),
                    maxConcurrentRequests, readTimeout, console);
            try {
                BoundedHttpServer server = BoundedHttpServer.start(InetAddress.getLoopbackAddress(), port, limits,
                        handler, "sls-receiver-");
                return new SlsReceiver(server, store, faults, inFlight);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
            }
        }
    }
}
