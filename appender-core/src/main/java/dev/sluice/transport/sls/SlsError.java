package dev.sluice.transport.sls;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** An error answer of PutLogs and what to do about it. */
final class SlsError {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_SHOWN = 300;
    private static final Set<String> RETRYABLE_CODES = Set.of("ServerBusy", "InternalServerError", "WriteQuotaExceed",
            "ShardWriteQuotaExceed", "ExceedQuota", "RequestTimeExpired");
    private static final Set<String> TOO_LARGE_CODES = Set.of("PostBodyTooLarge");

    private final int status;
    private final String code;
    private final String message;
    private final String requestId;
    private final String rawBody;

    private SlsError(int status, String code, String message, String requestId, String rawBody) {
        this.status = status;
        this.code = code;
        this.message = message;
        this.requestId = requestId;
        this.rawBody = rawBody;
    }

    /** Parses {@code {"errorCode": ..., "errorMessage": ...}}; an unparseable body is kept, shortened, as text. */
    static SlsError parse(int status, byte[] body, String requestId) {
        String code = null;
        String message = null;
        if (body != null && body.length > 0) {
            try (JsonParser p = JSON.createParser(body)) {
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken value = p.nextToken();
                        if (value == JsonToken.VALUE_STRING && "errorCode".equals(name)) {
                            code = p.getText();
                        } else if (value == JsonToken.VALUE_STRING && "errorMessage".equals(name)) {
                            message = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                code = null;
            }
        }
        String raw = code == null && body != null ? new String(body, StandardCharsets.UTF_8) : null;
        return new SlsError(status, code, message, requestId, raw);
    }

    boolean isRetryable() {
        return status >= 500 || status == 429 || status == 408 || (code != null && RETRYABLE_CODES.contains(code));
    }

    /** The batch should be split and its halves sent separately. */
    boolean isTooLarge() {
        return (code != null && TOO_LARGE_CODES.contains(code)) || status == 413;
    }

    boolean isClockSkew() {
        return "RequestTimeExpired".equals(code);
    }

    /** Status code, errorCode, errorMessage and request id, shortened: server text is not trusted to be small. */
    String describe() {
        StringBuilder s = new StringBuilder("HTTP ").append(status);
        if (code != null) {
            s.append(' ').append(shorten(code));
            if (message != null) {
                s.append(": ").append(shorten(message));
            }
        } else if (rawBody != null && !rawBody.isBlank()) {
            s.append(" with an unparseable body: ").append(shorten(rawBody.strip()));
        }
        if (requestId != null) {
            s.append(" (request id ").append(shorten(requestId)).append(')');
        }
        return s.toString();
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() <= MAX_SHOWN ? oneLine : oneLine.substring(0, MAX_SHOWN) + "...";
    }
}
