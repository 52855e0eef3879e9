package dev.sluice.testkit.sls;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One HTTP request as read off the wire: its head, then (once the head passed every check) its body. */
final class IncomingRequest {

    final String method;
    final String path;
    final Map<String, String> query;
    /** Case-insensitive names. */
    final Map<String, List<String>> headers;
    /** Null until the head was accepted and the body read. */
    final byte[] body;

    IncomingRequest(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
            byte[] body) {
        this.method = method;
        this.path = path;
        this.query = Collections.unmodifiableMap(query);
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body;
    }

    /** The same request with its body, once the head was accepted and the body read. */
    IncomingRequest withBody(byte[] body) {
        return new IncomingRequest(method, path, query, headers, body);
    }

    /** The body's length, or the declared Content-Length while it is unread. */
    int bodyLength() {
        if (body != null) {
            return body.length;
        }
        try {
            String declared = header("Content-Length");
            return declared == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(declared.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The first value of a header, or null. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
