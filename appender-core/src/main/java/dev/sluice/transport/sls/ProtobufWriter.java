package dev.sluice.transport.sls;

import java.util.Arrays;

/**
 * Writes the few protobuf constructs the SLS LogGroup schema needs (varints, fixed32,
 * length-delimited strings and messages) into a growable byte array. Hand-written on purpose: the
 * schema is tiny and fixed, and protobuf-java at runtime is a frequent source of version conflicts
 * in applications. Tests decode the output with protobuf-java against the schema.
 *
 * <p>Strings are written as UTF-8; a lone surrogate becomes U+FFFD, the policy of every encoder
 * ({@link dev.sluice.event.Texts#REPLACEMENT}), so the output is always valid UTF-8.
 */
public final class ProtobufWriter {
    public static final int VARINT = 0;
    public static final int FIXED32 = 5;
    public static final int LENGTH_DELIMITED = 2;

    private byte[] buf;
    private int pos;

    public ProtobufWriter(int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    public void reset() {
        pos = 0;
    }

    public int size() {
        return pos;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** The internal buffer; valid up to {@link #size()} until the next write. */
    public byte[] buffer() {
        return buf;
    }

    /** Drops a buffer that one unusually large write made big, so it is not held forever. */
    public void trimTo(int maxRetainedCapacity) {
        if (buf.length > maxRetainedCapacity && pos == 0) {
            buf = new byte[maxRetainedCapacity];
        }
    }

    public void tag(int field, int wireType) {
        varint((field << 3) | wireType);
    }

    public void varint(long value) {
        if (buf.length - pos < 10) {
            ensure(varintSize(value)); // exactly: a buffer sized by fieldSize() never grows
        }
        while ((value & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
    }

    public void fixed32(int value) {
        ensure(4);
        buf[pos++] = (byte) value;
        buf[pos++] = (byte) (value >>> 8);
        buf[pos++] = (byte) (value >>> 16);
        buf[pos++] = (byte) (value >>> 24);
    }

    /** A string field whose UTF-8 length the caller has computed with {@link #utf8Length}. */
    public void string(int field, String value, int utf8Length) {
        tag(field, LENGTH_DELIMITED);
        varint(utf8Length);
        // Room for exactly its bytes, not the worst case: a buffer sized by fieldSize() never grows (and is not copied).
        ensure(utf8Length);
        writeUtf8(value, value.length());
    }

    /** A string field; computes the UTF-8 length itself. */
    public void string(int field, String value) {
        string(field, value, utf8Length(value));
    }

    /** An embedded message or bytes field whose content is already encoded. */
    public void bytes(int field, byte[] value, int offset, int length) {
        tag(field, LENGTH_DELIMITED);
        varint(length);
        raw(value, offset, length);
    }

    public void raw(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, buf, pos, length);
        pos += length;
    }

    /** Writes the first {@code chars} chars of {@code s} as UTF-8 (never splitting a surrogate pair). */
    public void utf8(String s, int chars) {
        ensure(chars * 3);
        writeUtf8(s, chars);
    }

    /** {@link #utf8} into room already ensured. */
    private void writeUtf8(String s, int chars) {
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // The one policy of every encoder (Texts.REPLACEMENT): a lone surrogate becomes U+FFFD.
                b[p++] = (byte) 0xEF;
                b[p++] = (byte) 0xBF;
                b[p++] = (byte) 0xBD;
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        pos = p;
    }

    /** UTF-8 length of {@code s}, counting a lone surrogate as the three bytes of U+FFFD. */
    public static int utf8Length(String s) {
        return utf8Length(s, s.length());
    }

    /** UTF-8 length of the first {@code chars} chars of {@code s}. */
    public static int utf8Length(String s, int chars) {
        int n = 0;
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3; // BMP above U+07FF, and a lone surrogate written as U+FFFD
            }
        }
        return n;
    }

    /**
     * The number of leading chars of {@code s} whose UTF-8 form fits in {@code maxBytes}, never
     * ending between the two halves of a surrogate pair.
     */
    public static int charsWithin(String s, int maxBytes) {
        int n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            int size;
            int width = 1;
            if (c < 0x80) {
                size = 1;
            } else if (c < 0x800) {
                size = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                size = 4;
                width = 2;
            } else {
                size = 3; // including a lone surrogate, written as U+FFFD
            }
            if (n + size > maxBytes) {
                return i;
            }
            n += size;
            i += width - 1;
        }
        return len;
    }

    public static int varintSize(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            n++;
            value >>>= 7;
        }
        return n;
    }

    /** Size of a length-delimited field with a 1-byte tag and {@code length} content bytes. */
    public static int fieldSize(int length) {
        return 1 + varintSize(length) + length;
    }

    private void ensure(int extra) {
        if (buf.length - pos < extra) {
            long wanted = Math.max((long) buf.length * 2, (long) pos + extra);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("protobuf message too large: " + wanted + " bytes");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
