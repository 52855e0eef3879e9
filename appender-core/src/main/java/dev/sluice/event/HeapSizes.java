package dev.sluice.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Upper bounds of the heap that parts of an event hold, for the queue's byte bound. The figures
 * hold on 64-bit HotSpot with or without compressed references (16-byte headers, 8-byte
 * references, 2 bytes per char as if no string were Latin-1), so the estimate errs high, never low.
 */
public final class HeapSizes {
    /** An object with a handful of fields. */
    static final long SMALL_OBJECT = 64;
    /** A String object plus its array's header, before the characters. */
    private static final long STRING_OVERHEAD = 56;
    /** A boxed number, a UUID or a java.time value including the objects it holds (zones are shared). */
    private static final long IMMUTABLE_VALUE = 160;
    /** A hash map entry (a linked one) plus its share of the table (at most 4 slots of 8 bytes). */
    private static final long MAP_ENTRY = 96;
    private static final long MAP = 128;

    private HeapSizes() {
    }

    public static long string(String s) {
        return s == null ? 0 : STRING_OVERHEAD + 2L * s.length();
    }

    static long referenceArray(int length) {
        return 24 + 8L * length;
    }

    /** A map of strings, whatever its implementation is likely to be (hash or linked hash map). */
    static long stringMap(Map<String, String> map) {
        if (map.isEmpty()) {
            return 0;
        }
        long size = MAP;
        for (Map.Entry<String, String> e : map.entrySet()) {
            size += MAP_ENTRY + string(e.getKey()) + string(e.getValue());
        }
        return size;
    }

    static long stringList(List<String> list) {
        if (list == null) {
            return 0;
        }
        long size = SMALL_OBJECT + referenceArray(list.size());
        for (String s : list) {
            size += string(s);
        }
        return size;
    }

    /** A value kept by an event: a string, or an immutable JDK value (see {@link ImmutableArguments}). */
    static long value(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String) {
            return string((String) value);
        }
        if (value instanceof BigInteger) {
            return IMMUTABLE_VALUE + ((BigInteger) value).bitLength() / 8;
        }
        if (value instanceof BigDecimal) {
            // The digits, plus the text BigDecimal caches once someone called toString() (~0.3 chars per bit).
            long bits = ((BigDecimal) value).unscaledValue().bitLength();
            return IMMUTABLE_VALUE + bits / 8 + STRING_OVERHEAD + 2 * (bits / 3 + 32);
        }
        return IMMUTABLE_VALUE;
    }

    static long frame(StackTraceElement f) {
        return 96 + string(f.getClassName()) + string(f.getMethodName()) + string(f.getFileName())
                + string(f.getModuleName()) + string(f.getModuleVersion()) + string(f.getClassLoaderName());
    }
}
