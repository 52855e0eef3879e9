package dev.sluice.encode;

import dev.sluice.fields.Record;

import java.util.Arrays;

/**
 * Encodes a record as one SLS {@code Log} protobuf message: {@code Time} and {@code Time_ns} from
 * the event time, every field as a {@code Content} key/value (numbers and lists as text).
 * Not thread-safe: one instance per sender thread.
 *
 * <p>SLS rejects a log over 1 MB, which would fail its whole request. A larger log is cut
 * instead: the longest values are shortened (each ending with {@value #CUT_MARK}) and the field
 * {@value #TRUNCATED_FIELD} says how large the log was.
 */
public final class SlsLogEncoder implements EventEncoder {
    /** The largest log SLS accepts, with room for the LogGroup framing around it. */
    public static final int MAX_LOG_BYTES = 1024 * 1024 - 64;
    public static final String TRUNCATED_FIELD = "sluice_truncated";
    static final String CUT_MARK = "...[truncated]";

    private static final int LOG_TIME = 1;
    private static final int LOG_CONTENTS = 2;
    private static final int LOG_TIME_NS = 4;
    private static final int CONTENT_KEY = 1;
    private static final int CONTENT_VALUE = 2;

    private final ProtobufWriter out = new ProtobufWriter(1024);
    private final int maxLogBytes;
    private String[] keys = new String[32];
    private String[] values = new String[32];
    private int[] keyBytes = new int[32];
    private int[] valueBytes = new int[32];

    public SlsLogEncoder() {
        this(MAX_LOG_BYTES);
    }

    /** @param maxLogBytes the bound on one encoded log (tests use a small one) */
    public SlsLogEncoder(int maxLogBytes) {
        this.maxLogBytes = maxLogBytes;
    }

    @Override
    public EncodedEvent encode(Record record) {
        return new EncodedEvent(encodeLog(record), record.epochMilli(), record.level(), record.loggerName(), null);
    }

    /** The serialized {@code Log} message of {@code record}. */
    public byte[] encodeLog(Record record) {
        int n = collect(record);
        long seconds = record.epochSecond();
        int size = 1 + ProtobufWriter.varintSize(seconds) + 5 + contentsSize(n);
        if (size > maxLogBytes) {
            n = cut(n, size);
        }
        out.reset();
        out.tag(LOG_TIME, ProtobufWriter.VARINT);
        out.varint(seconds);
        for (int i = 0; i < n; i++) {
            out.tag(LOG_CONTENTS, ProtobufWriter.LENGTH_DELIMITED);
            out.varint(contentSize(i));
            out.string(CONTENT_KEY, keys[i], keyBytes[i]);
            out.string(CONTENT_VALUE, values[i], valueBytes[i]);
        }
        out.tag(LOG_TIME_NS, ProtobufWriter.FIXED32);
        out.fixed32(record.nanoOfSecond());
        byte[] log = out.toByteArray();
        out.reset();
        out.trimTo(64 * 1024);
        Arrays.fill(values, 0, n, null);
        return log;
    }

    private int collect(Record record) {
        int n = record.size();
        if (keys.length < n + 1) {
            int cap = Math.max(n + 1, keys.length * 2);
            keys = new String[cap];
            values = new String[cap];
            keyBytes = new int[cap];
            valueBytes = new int[cap];
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            String value = record.text(i);
            if (value == null) {
                continue;
            }
            keys[count] = record.name(i);
            values[count] = value;
            keyBytes[count] = ProtobufWriter.utf8Length(keys[count]);
            valueBytes[count] = ProtobufWriter.utf8Length(value);
            count++;
        }
        return count;
    }

    private int contentSize(int i) {
        return ProtobufWriter.fieldSize(keyBytes[i]) + ProtobufWriter.fieldSize(valueBytes[i]);
    }

    private int contentsSize(int n) {
        int size = 0;
        for (int i = 0; i < n; i++) {
            size += ProtobufWriter.fieldSize(contentSize(i));
        }
        return size;
    }

    /**
     * Cuts every value longer than one common cap, the largest cap that makes the log fit, so
     * short fields stay whole and long ones share the room; then adds the marker field.
     * Returns the new field count.
     */
    private int cut(int n, int originalSize) {
        String marker = "log of " + originalSize + " bytes cut to fit the 1 MB limit of SLS";
        keys[n] = TRUNCATED_FIELD;
        values[n] = marker;
        keyBytes[n] = ProtobufWriter.utf8Length(TRUNCATED_FIELD);
        valueBytes[n] = ProtobufWriter.utf8Length(marker);
        n++;
        int lo = 0;
        int hi = 0;
        for (int i = 0; i < n - 1; i++) {
            hi = Math.max(hi, valueBytes[i]);
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (sizeWithCap(n, mid) <= maxLogBytes) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        for (int i = 0; i < n - 1; i++) {
            if (valueBytes[i] > lo) {
                String value = values[i];
                String cut = lo < CUT_MARK.length() ? ""
                        : value.substring(0, ProtobufWriter.charsWithin(value, lo - CUT_MARK.length())) + CUT_MARK;
                values[i] = cut;
                valueBytes[i] = ProtobufWriter.utf8Length(cut);
            }
        }
        return n;
    }

    /** The log's size (an upper bound) when values over {@code cap} bytes are cut to at most {@code cap}. */
    private long sizeWithCap(int n, int cap) {
        long size = 1 + 10 + 5;
        for (int i = 0; i < n; i++) {
            int v = valueBytes[i];
            if (i < n - 1 && v > cap) {
                v = cap < CUT_MARK.length() ? 0 : cap;
            }
            int content = ProtobufWriter.fieldSize(keyBytes[i]) + ProtobufWriter.fieldSize(v);
            size += ProtobufWriter.fieldSize(content);
        }
        return size;
    }
}
