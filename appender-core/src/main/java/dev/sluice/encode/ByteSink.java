package dev.sluice.encode;

import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer reused across events; unlike ByteArrayOutputStream it is not synchronized. */
public final class ByteSink extends OutputStream {
    private static final int SHRINK_ABOVE = 1 << 20;
    private byte[] bytes;
    private int size;

    public ByteSink(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + extra, bytes.length * 2));
        }
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Empties the buffer; gives back memory after an unusually large event. */
    public void reset() {
        size = 0;
        if (bytes.length > SHRINK_ABOVE) {
            bytes = new byte[8192];
        }
    }
}
