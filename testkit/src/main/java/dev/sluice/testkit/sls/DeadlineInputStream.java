package dev.sluice.testkit.sls;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A socket's input with a deadline for a whole phase (wait for a request, read it), not only per read: a client
 * dripping one byte at a time (slow loris) is cut off when the deadline passes, however often it sends.
 */
final class DeadlineInputStream extends FilterInputStream {

    private final Socket socket;
    private long deadline;

    DeadlineInputStream(Socket socket) throws IOException {
        super(socket.getInputStream());
        this.socket = socket;
        this.deadline = System.nanoTime();
    }

    void expireAfter(Duration timeout) {
        deadline = System.nanoTime() + timeout.toNanos();
    }

    @Override
    public int read() throws IOException {
        arm();
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        arm();
        return super.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        arm();
        return super.skip(n);
    }

    private void arm() throws IOException {
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
            throw new SocketTimeoutException("read timeout");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
    }
}
