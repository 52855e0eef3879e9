package dev.sluice.event;

import dev.sluice.config.OptionCatalogue;
import dev.sluice.event.Texts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an event snapshot may keep: adapters apply these bounds on the application thread, before
 * the event is queued, so that the queue's byte estimate bounds real memory. Values are cut like
 * messages ({@code ...[truncated N chars]}); entries beyond {@code maxEntries} are left out and
 * counted in the event.
 */
public final class EventLimits {
    /** Frames kept per throwable: the JVM's default stack depth, so a real trace is never cut. */
    public static final int MAX_FRAMES = 1024;
    /** Throwables (causes and suppressed, nested) kept per event: the renderer's depth bound. */
    public static final int MAX_THROWABLES = 64;

    private static final EventLimits DEFAULTS = new EventLimits(
            Integer.parseInt(OptionCatalogue.MAX_VALUE_LENGTH.defaultValue()),
            Integer.parseInt(OptionCatalogue.MAX_ENTRIES.defaultValue()),
            Integer.parseInt(OptionCatalogue.MAX_STACK_TRACE_LENGTH.defaultValue()));

    private final int maxValueLength;
    private final int maxEntries;
    private final int maxStackTraceLength;

    public EventLimits(int maxValueLength, int maxEntries, int maxStackTraceLength) {
        this.maxValueLength = maxValueLength;
        this.maxEntries = maxEntries;
        this.maxStackTraceLength = maxStackTraceLength;
    }

    /** The catalogue's defaults. */
    public static EventLimits defaults() {
        return DEFAULTS;
    }

    public int maxValueLength() {
        return maxValueLength;
    }

    public int maxEntries() {
        return maxEntries;
    }

    public int maxStackTraceLength() {
        return maxStackTraceLength;
    }

    /** {@code value} cut to {@code maxValueLength} chars plus a marker. */
    public String cut(String value) {
        return Texts.truncate(value, maxValueLength);
    }

    /** {@code text} cut the same way, copying only the kept part. */
    public String cut(CharSequence text) {
        if (text == null) {
            return null;
        }
        int length = text.length();
        if (length <= maxValueLength) {
            return text.toString();
        }
        int cut = maxValueLength;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.subSequence(0, cut) + "...[truncated " + (length - cut) + " chars]";
    }

    /**
     * The MDC as is when every bound holds (no copy, the common case), otherwise a copy of its first
     * {@code maxEntries} entries with long keys and values cut. Never null.
     */
    public Map<String, String> mdc(Map<String, String> source) {
        if (source == null || source.isEmpty()) {
            return Collections.emptyMap();
        }
        if (source.size() <= maxEntries && withinBounds(source)) {
            return source;
        }
        Map<String, String> copy = new LinkedHashMap<>(Math.min(source.size(), maxEntries) * 2);
        for (Map.Entry<String, String> e : source.entrySet()) {
            if (copy.size() == maxEntries) {
                break;
            }
            copy.put(cut(e.getKey()), cut(e.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    private boolean withinBounds(Map<String, String> map) {
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (longer(e.getKey()) || longer(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private boolean longer(String s) {
        return s != null && s.length() > maxValueLength;
    }

    /**
     * A key/value value to keep: an immutable value itself (a string cut), anything else as its
     * text now, cut (a later change of the object cannot change what is shipped). Never throws.
     */
    public Object value(Object value) {
        Object kept = ImmutableArguments.snapshot(value);
        return kept instanceof String ? cut((String) kept) : kept;
    }

    /** A bounded copy of the throwable, holding no reference to it; null for null. */
    public ThrowableInfo throwable(ThrowableInfo source) {
        return source == null ? null : ThrowableSnapshot.copy(source, this);
    }
}
