package dev.sluice.testkit.sls;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What to answer one request with; {@link #DROP} closes the connection without any answer. */
final class HttpReply {

    static final HttpReply DROP = new HttpReply(0, null, null, Map.of());

    final int status;
    final String contentType;
    final byte[] body;
    final Map<String, String> headers;

    HttpReply(int status, String contentType, byte[] body, Map<String, String> headers) {
        this.status = status;
        this.contentType = contentType;
        this.body = body == null ? new byte[0] : body;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    boolean dropped() {
        return this == DROP;
    }

    static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 408: return "Request Timeout";
            case 411: return "Length Required";
            case 413: return "Payload Too Large";
            case 415: return "Unsupported Media Type";
            case 429: return "Too Many Requests";
            case 431: return "Request Header Fields Too Large";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            default: return "Status " + status;
        }
    }
}
