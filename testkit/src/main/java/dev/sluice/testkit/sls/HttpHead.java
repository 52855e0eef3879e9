package dev.sluice.testkit.sls;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The request line and headers of one HTTP/1.1 request. Header names are case-insensitive. */
final class HttpHead {

    final String method;
    /** Decoded path. */
    final String path;
    /** Raw (still encoded) query, or null. */
    final String rawQuery;
    final String version;
    final Map<String, List<String>> headers;
    /** Declared Content-Length; 0 when absent (a request without length or chunked coding has no body). */
    final long contentLength;

    private HttpHead(String method, String path, String rawQuery, String version, Map<String, List<String>> headers,
            long contentLength) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.version = version;
        this.headers = Collections.unmodifiableMap(headers);
        this.contentLength = contentLength;
    }

    static HttpHead of(String requestLine, Map<String, List<String>> headers) throws SlsError {
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
            throw new SlsError(400, "BadRequest", "malformed request line");
        }
        URI target;
        try {
            target = new URI(parts[1]);
        } catch (java.net.URISyntaxException e) {
            throw new SlsError(400, "BadRequest", "malformed request target");
        }
        if (first(headers, "Transfer-Encoding") != null) {
            // PutLogs declares its length; a chunked body could not be checked against the limits before reading.
            throw new SlsError(411, "MissingContentLength", "send Content-Length; chunked bodies are not accepted");
        }
        return new HttpHead(parts[0], target.getPath() == null ? "" : target.getPath(), target.getRawQuery(), parts[2],
                headers, contentLength(headers.get("Content-Length")));
    }

    private static long contentLength(List<String> values) throws SlsError {
        if (values == null || values.isEmpty()) {
            return 0;
        }
        long length = -1;
        for (String value : values) {
            long parsed;
            try {
                parsed = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                parsed = -1;
            }
            if (parsed < 0 || (length >= 0 && parsed != length)) {
                throw new SlsError(400, "InvalidContentLength", "Content-Length is invalid");
            }
            length = parsed;
        }
        return length;
    }

    String header(String name) {
        return first(headers, name);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    boolean keepAlive() {
        String connection = header("Connection");
        String token = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
        return "HTTP/1.0".equals(version) ? token.contains("keep-alive") : !token.contains("close");
    }

    boolean expectsContinue() {
        String expect = header("Expect");
        return expect != null && "100-continue".equalsIgnoreCase(expect.trim());
    }
}
