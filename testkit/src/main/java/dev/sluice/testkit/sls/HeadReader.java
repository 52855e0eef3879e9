package dev.sluice.testkit.sls;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a request head byte by byte under a byte budget and a header count, so that a client can never make the
 * receiver hold more than {@link HttpLimits#maxHeadBytes} for it, whatever it sends.
 */
final class HeadReader {

    private final InputStream in;
    private final HttpLimits limits;
    private int budget;

    private HeadReader(InputStream in, HttpLimits limits) {
        this.in = in;
        this.limits = limits;
        this.budget = limits.maxHeadBytes;
    }

    /** @param firstByte the request's first byte, already read while waiting on an idle connection */
    static HttpHead read(int firstByte, InputStream in, HttpLimits limits) throws IOException, SlsError {
        return new HeadReader(in, limits).read(firstByte);
    }

    private HttpHead read(int firstByte) throws IOException, SlsError {
        StringBuilder first = new StringBuilder();
        if (firstByte != '\r' && firstByte != '\n') {
            first.append((char) firstByte);
            budget--;
        }
        String requestLine = line(first);
        if (requestLine.isEmpty()) {
            requestLine = line(new StringBuilder()); // one stray CRLF before a request is allowed (RFC 9112 2.2)
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int count = 0;
        for (String header = line(new StringBuilder()); !header.isEmpty(); header = line(new StringBuilder())) {
            if (++count > limits.maxHeaderCount) {
                throw new SlsError(431, "RequestHeaderFieldsTooLarge",
                        "more than " + limits.maxHeaderCount + " header fields");
            }
            int colon = header.indexOf(':');
            if (colon <= 0 || header.charAt(0) == ' ' || header.charAt(0) == '\t') {
                throw new SlsError(400, "BadRequest", "malformed header field");
            }
            headers.computeIfAbsent(header.substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(header.substring(colon + 1).trim());
        }
        return HttpHead.of(requestLine, headers);
    }

    private String line(StringBuilder line) throws IOException, SlsError {
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed inside a request head");
            }
            if (--budget < 0) {
                throw new SlsError(431, "RequestHeaderFieldsTooLarge",
                        "request head larger than " + limits.maxHeadBytes + " bytes");
            }
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
    }
}
