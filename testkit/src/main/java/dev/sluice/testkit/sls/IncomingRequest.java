package dev.sluice.testkit.sls;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One HTTP request as read off the wire, before any check. */
final class IncomingRequest {

    final String method;
    final String path;
    final Map<String, String> query;
    /** Case-insensitive names. */
    final Map<String, List<String>> headers;
    final byte[] body;

    IncomingRequest(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
            byte[] body) {
        this.method = method;
        this.path = path;
        this.query = Collections.unmodifiableMap(query);
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body;
    }

    /** The first value of a header, or null. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
