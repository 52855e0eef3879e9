package dev.sluice.testkit.sls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers one PutLogs request: check the head (path, Host, signature, declared sizes), and only then read, verify and
 * decode the body, apply the next queued fault (if any), write, store and answer. Faults are consumed only by requests
 * that passed every check, so that a test's fault hits a genuine write.
 */
final class PutLogsHandler implements BoundedHttpServer.Handler {

    private static final Pattern PUT_LOGS_PATH = Pattern.compile("/logstores/([A-Za-z0-9_-]+)/shards/(lb|route)");
    private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9_-]+");

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong requestIds = new AtomicLong();
    private final String requestIdPrefix = Long.toHexString(System.nanoTime() & 0xFFFFFFFFL).toUpperCase();
    private final RequestVerifier verifier;
    private final LogGroupDecoder decoder;
    private final ReceivedStore store;
    private final FaultPlan faults;
    private final InFlight inFlight;
    private final JsonLinesWriter jsonLines;
    /** Bodies in memory at once (read, decoded, written): what bounds the receiver's heap beyond the heads. */
    private final Semaphore bodies;
    private final Duration bodyWait;
    /** Where a server-side failure is reported (the standalone server's console); null to stay silent. */
    private final PrintStream console;

    PutLogsHandler(RequestVerifier verifier, LogGroupDecoder decoder, ReceivedStore store, FaultPlan faults,
            InFlight inFlight, JsonLinesWriter jsonLines, int maxConcurrentBodies, Duration bodyWait,
            PrintStream console) {
        this.inFlight = inFlight;
        this.verifier = verifier;
        this.decoder = decoder;
        this.store = store;
        this.faults = faults;
        this.jsonLines = jsonLines;
        this.bodies = new Semaphore(maxConcurrentBodies);
        this.bodyWait = bodyWait;
        this.console = console;
    }

    @Override
    public HttpReply handle(HttpHead head, RequestBody body) throws IOException {
        // Counted until the answer is decided, before it is written: a client cannot have it yet.
        inFlight.begin();
        try {
            return answer(head, body);
        } finally {
            inFlight.end();
        }
    }

    private HttpReply answer(HttpHead head, RequestBody body) throws IOException {
        String requestId = String.format("%s%016X", requestIdPrefix, requestIds.incrementAndGet());
        IncomingRequest request = new IncomingRequest(head.method, head.path, query(head.rawQuery), head.headers, null);
        String project = projectOf(request.header("Host"));
        Matcher path = PUT_LOGS_PATH.matcher(request.path);
        String logstore = path.matches() ? path.group(1) : null;
        try {
            if (!"POST".equals(request.method) || logstore == null) {
                throw new SlsError(404, "ResourceNotFound", request.method + " " + request.path + " is not PutLogs");
            }
            if (project == null) {
                throw new SlsError(400, "InvalidHost",
                        "Host " + request.header("Host") + " must be {project}.{endpoint}");
            }
            verifier.verifyHead(request);
            decoder.checkDeclaredSizes(request.header("x-log-compresstype"), request.header("x-log-bodyrawsize"),
                    body.declaredLength());
            return withBodyPermit(requestId, request, body, project, logstore);
        } catch (SlsError refused) {
            store.addRequest(new ReceivedRequest(requestId, request, project, logstore, refused.status(),
                    refused.code(), 0));
            return error(requestId, refused.status(), refused.code(), refused.getMessage());
        } catch (RuntimeException bug) {
            report("request " + requestId + " failed inside the receiver: " + bug);
            store.addRequest(new ReceivedRequest(requestId, request, project, logstore, 500, "InternalServerError", 0));
            return error(requestId, 500, "InternalServerError", "the receiver failed on this request; see its console");
        }
    }

    private HttpReply withBodyPermit(String requestId, IncomingRequest head, RequestBody body, String project,
            String logstore) throws IOException, SlsError {
        try {
            if (!bodies.tryAcquire(bodyWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SlsError(503, "ServerBusy", "too many requests at once; retry later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpReply.DROP;
        }
        Duration delay = Duration.ZERO;
        HttpReply reply;
        try {
            IncomingRequest request = head.withBody(body.read());
            verifier.verifyBody(request);
            List<ReceivedLog> logs = decoder.decode(request, project, logstore, requestId);
            FaultPlan.Fault fault = faults.next(logs);
            reply = faulty(fault, requestId, request, project, logstore, logs.size());
            if (reply == null) {
                reply = store(requestId, request, project, logstore, logs);
            }
            if (reply == null) {
                reply = ok(requestId);
                delay = fault != null && fault.kind == FaultPlan.Kind.DELAY ? fault.delay : faults.standingDelay();
            }
        } finally {
            bodies.release(); // before any hold or delay: a waiting answer holds no body
        }
        try {
            inFlight.awaitRelease();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpReply.DROP; // the receiver is closing: abandon the answer
        }
        return delayed(delay, reply);
    }

    /** The answer a queued fault dictates, or null when there is none (or it is only a delay). */
    private HttpReply faulty(FaultPlan.Fault fault, String requestId, IncomingRequest request, String project,
            String logstore, int logCount) throws JsonProcessingException {
        FaultPlan.Kind kind = fault == null ? null : fault.kind;
        if (kind == FaultPlan.Kind.DROP) {
            store.addRequest(new ReceivedRequest(requestId, request, project, logstore, ReceivedRequest.DROPPED, null,
                    logCount));
            return HttpReply.DROP;
        }
        if (kind == FaultPlan.Kind.FAIL) {
            store.addRequest(new ReceivedRequest(requestId, request, project, logstore, fault.status, fault.errorCode,
                    logCount));
            return error(requestId, fault.status, fault.errorCode, fault.body);
        }
        if (kind == FaultPlan.Kind.FAIL_RAW) {
            store.addRequest(new ReceivedRequest(requestId, request, project, logstore, fault.status, null, logCount));
            return new HttpReply(fault.status, "text/html", fault.body.getBytes(StandardCharsets.UTF_8),
                    Map.of("x-log-requestid", requestId));
        }
        return null;
    }

    /**
     * Writes the JSON lines first: when that fails, nothing is stored, the client gets a 5xx (so it retries and
     * nothing is duplicated) without any path, and the console says what happened. Null when stored.
     */
    private HttpReply store(String requestId, IncomingRequest request, String project, String logstore,
            List<ReceivedLog> logs) throws JsonProcessingException {
        if (jsonLines != null) {
            try {
                jsonLines.append(project, logstore, logs);
            } catch (IOException | RuntimeException e) {
                report("could not write " + logs.size() + " logs of request " + requestId + " to "
                        + jsonLines.fileOf(project, logstore) + ": " + e + "; answered 500, nothing stored");
                store.addRequest(new ReceivedRequest(requestId, request, project, logstore, 500, "InternalServerError",
                        logs.size()));
                return error(requestId, 500, "InternalServerError",
                        "the receiver could not write the logs; nothing was stored; see its console");
            }
        }
        // Stored before any delay: a client that times out and retries produces duplicates, as against the real
        // service. The request is recorded first, so a test that saw the logs arrive also finds its request.
        store.addRequest(new ReceivedRequest(requestId, request, project, logstore, 200, null, logs.size()));
        store.addLogs(project, logstore, logs);
        return null;
    }

    private static HttpReply delayed(Duration delay, HttpReply reply) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return HttpReply.DROP; // the receiver is closing: abandon the answer
            }
        }
        return reply;
    }

    private void report(String problem) {
        if (console != null) {
            console.println("sls-receiver: " + problem);
            console.flush();
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.put(decode(key), decode(value));
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text; // the signature check then fails on it, as it would on the service
        }
    }

    /** The project is the Host header's text before the first '.', e.g. {@code shop} of {@code shop.127.0.0.1:4999}. */
    static String projectOf(String host) {
        if (host == null) {
            return null;
        }
        int dot = host.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String project = host.substring(0, dot);
        return PROJECT.matcher(project).matches() ? project : null;
    }

    private static HttpReply ok(String requestId) {
        return new HttpReply(200, null, null, Map.of("x-log-requestid", requestId));
    }

    private HttpReply error(String requestId, int status, String code, String message)
            throws JsonProcessingException {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("errorCode", code);
        error.put("errorMessage", message);
        return new HttpReply(status, "application/json", json.writeValueAsBytes(error),
                Map.of("x-log-requestid", requestId));
    }
}
