package dev.sluice.transport.sls;

import dev.sluice.encode.EncodedEvent;
import dev.sluice.encode.EventEncoder;
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
    /** When a log has too many fields to fit, fields are left out until each can keep this much. */
    private static final int MIN_KEPT_VALUE_BYTES = 256;

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
        return new EncodedEvent(encodeLog(record), record.epochMilli(), record.level());
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
     * short fields stay whole and long ones share the room; then adds the marker field. Keys are
     * never cut: when the fields do not fit even with short values (thousands of fields, huge
     * keys), the last fields are left out, since the built-in ones come first. Returns the new
     * field count.
     */
    private int cut(int n, int originalSize) {
        String marker = "log of " + originalSize + " bytes cut to fit the 1 MB limit of SLS";
        int markerKeyBytes = ProtobufWriter.utf8Length(TRUNCATED_FIELD);
        int markerValueBytes = ProtobufWriter.utf8Length(marker);
        long room = maxLogBytes - ProtobufWriter.fieldSize(
                ProtobufWriter.fieldSize(markerKeyBytes) + ProtobufWriter.fieldSize(markerValueBytes));
        int shortValue = Math.min(MIN_KEPT_VALUE_BYTES, maxLogBytes / 16);
        int fields = n;
        long withShortValues = sizeWithCap(fields, shortValue);
        while (fields > 0 && withShortValues > room) {
            fields--;
            withShortValues -= cappedFieldSize(fields, shortValue);
        }
        Arrays.fill(values, fields, n, null);
        n = fields + 1;
        keys[n - 1] = TRUNCATED_FIELD;
        values[n - 1] = marker;
        keyBytes[n - 1] = markerKeyBytes;
        valueBytes[n - 1] = markerValueBytes;
        int lo = 0;
        int hi = 0;
        for (int i = 0; i < n - 1; i++) {
            hi = Math.max(hi, valueBytes[i]);
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (sizeWithCap(n - 1, mid) <= room) {
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

    /**
     * The size (an upper bound) of a log of the first {@code fields} fields, without the marker,
     * when values over {@code cap} bytes are cut to at most {@code cap}.
     */
    private long sizeWithCap(int fields, int cap) {
        long size = 1 + 10 + 5;
        for (int i = 0; i < fields; i++) {
            size += cappedFieldSize(i, cap);
        }
        return size;
    }

    private int cappedFieldSize(int i, int cap) {
        int v = valueBytes[i];
        if (v > cap) {
            v = cap < CUT_MARK.length() ? 0 : cap;
        }
        return ProtobufWriter.fieldSize(ProtobufWriter.fieldSize(keyBytes[i]) + ProtobufWriter.fieldSize(v));
    }
}
