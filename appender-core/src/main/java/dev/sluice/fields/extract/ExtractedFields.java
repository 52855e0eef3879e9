package dev.sluice.fields.extract;

import java.util.Arrays;

/**
 * The fields one extractor found in one message, held until the extraction is known to have
 * succeeded (malformed input adds nothing). Reused for every event on a sender thread.
 *
 * <p>Bounds: at most {@link #MAX_FIELDS} fields, keys of at most {@link #MAX_KEY_LENGTH} chars
 * (longer keys are skipped), values of at most {@link #MAX_VALUE_LENGTH} chars (longer values are
 * cut with a visible marker and kept as strings). Anything skipped or cut makes the extraction
 * {@linkplain #complete() incomplete}, which keeps the message even with drop-message on.
 */
public final class ExtractedFields {
    public static final int MAX_FIELDS = 64;
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 32 * 1024;

    private final String[] keys = new String[MAX_FIELDS];
    private final String[] values = new String[MAX_FIELDS];
    private final boolean[] json = new boolean[MAX_FIELDS];
    private int size;
    private boolean complete = true;

    public void clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        complete = true;
    }

    /** Adds a text value. Returns false when no more fields fit (the caller may stop looking). */
    boolean addString(String key, String value) {
        return add(key, value, false);
    }

    /** Adds a JSON value given as compact JSON text. */
    boolean addJson(String key, String jsonText) {
        return add(key, jsonText, true);
    }

    private boolean add(String key, String value, boolean isJson) {
        if (size == MAX_FIELDS) {
            complete = false;
            return false;
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            complete = false;
            return true;
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            // Cut JSON text is no longer JSON: keep it as a string.
            value = dev.sluice.event.Texts.truncate(value, MAX_VALUE_LENGTH);
            isJson = false;
            complete = false;
        }
        keys[size] = key;
        values[size] = value;
        json[size] = isJson;
        size++;
        return true;
    }

    /** True when there is room for another field; once full, anything more makes the result incomplete. */
    boolean hasRoom() {
        return size < MAX_FIELDS;
    }

    void markIncomplete() {
        complete = false;
    }

    public int size() {
        return size;
    }

    public String key(int i) {
        return keys[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** Whether value {@code i} is JSON text (number, boolean, object, array) rather than a string. */
    public boolean isJson(int i) {
        return json[i];
    }

    /** False when a field was skipped or cut because of the bounds. */
    public boolean complete() {
        return complete;
    }
}
