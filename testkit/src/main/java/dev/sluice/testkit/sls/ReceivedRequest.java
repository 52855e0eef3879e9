package dev.sluice.testkit.sls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One HTTP request the receiver saw, with how it answered. Immutable. */
public final class ReceivedRequest {

    /** {@link #status()} of a request whose connection was dropped on purpose, without any answer. */
    public static final int DROPPED = 0;

    private final String requestId;
    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final Map<String, List<String>> headers;
    private final String project;
    private final String logstore;
    private final int bodyLength;
    private final int status;
    private final String errorCode;
    private final int logCount;

    ReceivedRequest(String requestId, IncomingRequest request, String project, String logstore, int status,
            String errorCode, int logCount) {
        this.requestId = requestId;
        this.method = request.method;
        this.path = request.path;
        this.query = Collections.unmodifiableMap(new TreeMap<>(request.query));
        Map<String, List<String>> headerCopy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers.forEach((name, values) -> headerCopy.put(name, Collections.unmodifiableList(new ArrayList<>(values))));
        this.headers = Collections.unmodifiableMap(headerCopy);
        this.project = project;
        this.logstore = logstore;
        this.bodyLength = request.bodyLength();
        this.status = status;
        this.errorCode = errorCode;
        this.logCount = logCount;
    }

    /** The x-log-requestid the receiver answered with (also set for dropped requests, though never sent). */
    public String requestId() {
        return requestId;
    }

    public String method() {
        return method;
    }

    /** The decoded path, e.g. {@code /logstores/app/shards/lb}. */
    public String path() {
        return path;
    }

    /** The decoded query parameters, e.g. {@code key} of {@code /shards/route?key=...}. */
    public Map<String, String> query() {
        return query;
    }

    /** All headers; names are case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header (name in any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The project taken from the Host header, or null when it could not be. */
    public String project() {
        return project;
    }

    /** The logstore taken from the path, or null when the path is not a PutLogs path. */
    public String logstore() {
        return logstore;
    }

    /** x-log-compresstype, or null when absent. */
    public String compressType() {
        return header("x-log-compresstype");
    }

    /** x-log-bodyrawsize, or -1 when absent or not a number. */
    public long rawSize() {
        String value = header("x-log-bodyrawsize");
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Length of the body as sent (after compression); as declared by Content-Length when refused unread. */
    public int bodyLength() {
        return bodyLength;
    }

    /** The HTTP status answered, or {@link #DROPPED}. */
    public int status() {
        return status;
    }

    public boolean dropped() {
        return status == DROPPED;
    }

    /** The errorCode answered, or null for 200, a raw-body fault and a dropped connection. */
    public String errorCode() {
        return errorCode;
    }

    /** How many logs the body carried (0 when it was refused before decoding). */
    public int logCount() {
        return logCount;
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : " " + query) + " project=" + project + " -> "
                + (dropped() ? "dropped" : status + (errorCode == null ? "" : " " + errorCode)) + " logs=" + logCount
                + " bodyLength=" + bodyLength + " compress=" + compressType();
    }
}
