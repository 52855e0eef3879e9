package dev.sluice.testkit.sls;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The body of one request, NOT read until the handler asks: a handler checks the head (signature, declared sizes)
 * first and reads only what it accepted. A body left unread makes the server close the connection after answering.
 */
final class RequestBody {

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final InputStream in;
    private final OutputStream out;
    private final HttpHead head;
    private boolean read;

    RequestBody(InputStream in, OutputStream out, HttpHead head) {
        this.in = in;
        this.out = out;
        this.head = head;
    }

    long declaredLength() {
        return head.contentLength;
    }

    /** Reads exactly the declared length; the caller has already checked that it is acceptable. */
    byte[] read() throws IOException {
        if (read) {
            throw new IllegalStateException("body already read");
        }
        read = true;
        if (head.contentLength > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("declared length not checked: " + head.contentLength);
        }
        if (head.expectsContinue() && head.contentLength > 0) {
            out.write(CONTINUE);
            out.flush();
        }
        byte[] body = new byte[(int) head.contentLength];
        if (in.readNBytes(body, 0, body.length) < body.length) {
            throw new EOFException("connection closed inside a request body");
        }
        return body;
    }

    /** True when the connection is positioned at the next request. */
    boolean consumed() {
        return read || head.contentLength == 0;
    }
}
