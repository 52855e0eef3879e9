package dev.sluice.testkit.sls;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers one PutLogs request: read, verify, decode, then apply the next queued fault (if any), store and answer.
 * Faults are consumed only by requests that passed every check, so that a test's fault hits a genuine write.
 */
final class PutLogsHandler implements HttpHandler {

    private static final Pattern PUT_LOGS_PATH = Pattern.compile("/logstores/([A-Za-z0-9_-]+)/shards/(lb|route)");
    private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9_-]+");
    /** Room for compression overhead on incompressible bodies above the raw limit. */
    private static final int BODY_SLACK = 64 * 1024;

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong requestIds = new AtomicLong();
    private final String requestIdPrefix = Long.toHexString(System.nanoTime() & 0xFFFFFFFFL).toUpperCase();
    private final RequestVerifier verifier;
    private final LogGroupDecoder decoder;
    private final ReceivedStore store;
    private final FaultPlan faults;
    private final JsonLinesWriter jsonLines;
    private final long maxRawBodyBytes;

    PutLogsHandler(RequestVerifier verifier, LogGroupDecoder decoder, ReceivedStore store, FaultPlan faults,
            JsonLinesWriter jsonLines, long maxRawBodyBytes) {
        this.verifier = verifier;
        this.decoder = decoder;
        this.store = store;
        this.faults = faults;
        this.jsonLines = jsonLines;
        this.maxRawBodyBytes = maxRawBodyBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = String.format("%s%016X", requestIdPrefix, requestIds.incrementAndGet());
        IncomingRequest request;
        try {
            request = read(exchange);
        } catch (SlsError tooLarge) {
            IncomingRequest headersOnly = new IncomingRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), Map.of(), headers(exchange), new byte[0]);
            store.addRequest(new ReceivedRequest(requestId, headersOnly, null, null, tooLarge.status(),
                    tooLarge.code(), 0));
            answerError(exchange, requestId, tooLarge.status(), tooLarge.code(), tooLarge.getMessage());
            return;
        }
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
            verifier.verify(request);
            List<ReceivedLog> logs = decoder.decode(request, project, logstore, requestId);
            answerAccepted(exchange, requestId, request, project, logstore, logs);
        } catch (SlsError refused) {
            store.addRequest(new ReceivedRequest(requestId, request, project, logstore, refused.status(),
                    refused.code(), 0));
            answerError(exchange, requestId, refused.status(), refused.code(), refused.getMessage());
        } catch (RuntimeException bug) {
            store.addRequest(new ReceivedRequest(requestId, request, project, logstore, 500, "InternalServerError", 0));
            answerError(exchange, requestId, 500, "InternalServerError", String.valueOf(bug));
        }
    }

    private void answerAccepted(HttpExchange exchange, String requestId, IncomingRequest request, String project,
            String logstore, List<ReceivedLog> logs) throws IOException {
        FaultPlan.Fault fault = faults.next();
        FaultPlan.Kind kind = fault == null ? null : fault.kind;
        if (kind == FaultPlan.Kind.DROP) {
            store.addRequest(new ReceivedRequest(requestId, request, project, logstore, ReceivedRequest.DROPPED, null,
                    logs.size()));
            // Closing an exchange whose response headers were never sent closes the connection itself.
            exchange.close();
            return;
        }
        if (kind == FaultPlan.Kind.FAIL) {
            store.addRequest(new ReceivedRequest(requestId, request, project, logstore, fault.status, fault.errorCode,
                    logs.size()));
            answerError(exchange, requestId, fault.status, fault.errorCode, fault.body);
            return;
        }
        if (kind == FaultPlan.Kind.FAIL_RAW) {
            store.addRequest(new ReceivedRequest(requestId, request, project, logstore, fault.status, null,
                    logs.size()));
            answer(exchange, requestId, fault.status, "text/html", fault.body.getBytes(StandardCharsets.UTF_8));
            return;
        }
        // Stored before any delay: a client that times out and retries produces duplicates, as against the real service.
        // The request is recorded first, so a test that saw the logs arrive also finds the request that carried them.
        store.addRequest(new ReceivedRequest(requestId, request, project, logstore, 200, null, logs.size()));
        store.addLogs(project, logstore, logs);
        if (jsonLines != null) {
            jsonLines.append(project, logstore, logs);
        }
        Duration delay = kind == FaultPlan.Kind.DELAY ? fault.delay : faults.standingDelay();
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
        }
        answer(exchange, requestId, 200, null, null);
    }

    private IncomingRequest read(HttpExchange exchange) throws IOException, SlsError {
        byte[] body = readBody(exchange.getRequestBody(), maxRawBodyBytes + BODY_SLACK);
        return new IncomingRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                query(exchange.getRequestURI().getRawQuery()), headers(exchange), body);
    }

    private static byte[] readBody(InputStream in, long limit) throws IOException, SlsError {
        try (InputStream body = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = body.read(chunk)) >= 0) {
                out.write(chunk, 0, n);
                if (out.size() > limit) {
                    throw new SlsError(400, "PostBodyTooLarge", "body is larger than " + limit + " bytes");
                }
            }
            return out.toByteArray();
        }
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        return headers;
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
            query.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
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

    private void answerError(HttpExchange exchange, String requestId, int status, String code, String message)
            throws IOException {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("errorCode", code);
        error.put("errorMessage", message);
        answer(exchange, requestId, status, "application/json", json.writeValueAsBytes(error));
    }

    private static void answer(HttpExchange exchange, String requestId, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("x-log-requestid", requestId);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(status, body == null || body.length == 0 ? -1 : body.length);
            if (body != null && body.length > 0) {
                out.write(body);
            }
        } finally {
            exchange.close();
        }
    }
}
