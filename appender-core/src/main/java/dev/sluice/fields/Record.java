package dev.sluice.fields;

import java.util.Arrays;
import java.util.List;

/**
 * The fields of one event, in order, ready for an encoder. One instance is reused for every event
 * on a sender thread, so composing a record allocates nothing of its own.
 */
public final class Record {
    /** How an encoder should write a value. */
    public enum Kind {
        STRING, LONG, STRING_LIST,
        /** A JSON value (number, boolean, object, array) as compact JSON text, written as is by JSON encoders. */
        JSON
    }

    private long epochSecond;
    private int nanoOfSecond;
    private String level;
    private String loggerName;

    private String[] names = new String[32];
    private Kind[] kinds = new Kind[32];
    private Object[] objects = new Object[32];
    private long[] longs = new long[32];
    private int size;

    void reset(long epochSecond, int nanoOfSecond, String level, String loggerName) {
        Arrays.fill(objects, 0, size, null);
        this.size = 0;
        this.epochSecond = epochSecond;
        this.nanoOfSecond = nanoOfSecond;
        this.level = level;
        this.loggerName = loggerName;
    }

    void addString(String name, String value) {
        int i = slot(name, Kind.STRING);
        objects[i] = value;
    }

    void addLong(String name, long value) {
        int i = slot(name, Kind.LONG);
        longs[i] = value;
    }

    /** {@code json} must be one valid, compact JSON value; {@link #text(int)} returns it unchanged. */
    void addJson(String name, String json) {
        int i = slot(name, Kind.JSON);
        objects[i] = json;
    }

    void addStringList(String name, List<String> value) {
        int i = slot(name, Kind.STRING_LIST);
        objects[i] = value;
    }

    private int slot(String name, Kind kind) {
        if (size == names.length) {
            int n = size * 2;
            names = Arrays.copyOf(names, n);
            kinds = Arrays.copyOf(kinds, n);
            objects = Arrays.copyOf(objects, n);
            longs = Arrays.copyOf(longs, n);
        }
        names[size] = name;
        kinds[size] = kind;
        return size++;
    }

    public long epochSecond() {
        return epochSecond;
    }

    public int nanoOfSecond() {
        return nanoOfSecond;
    }

    public long epochMilli() {
        return epochSecond * 1000 + nanoOfSecond / 1_000_000;
    }

    /** The event's level as the framework names it, whatever the field selection. */
    public String level() {
        return level;
    }

    /** The event's logger name, whatever the field selection. */
    public String loggerName() {
        return loggerName;
    }

    public int size() {
        return size;
    }

    public String name(int i) {
        return names[i];
    }

    public Kind kind(int i) {
        return kinds[i];
    }

    public String stringValue(int i) {
        return (String) objects[i];
    }

    public long longValue(int i) {
        return longs[i];
    }

    @SuppressWarnings("unchecked")
    public List<String> listValue(int i) {
        return (List<String>) objects[i];
    }

    /** Index of the first field with this name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The value of field {@code i} as text (lists joined by commas, JSON values as their JSON text). */
    public String text(int i) {
        switch (kinds[i]) {
            case LONG:
                return Long.toString(longs[i]);
            case STRING_LIST:
                return String.join(",", listValue(i));
            default:
                return stringValue(i);
        }
    }
}
