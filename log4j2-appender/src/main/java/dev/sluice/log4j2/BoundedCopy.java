package dev.sluice.log4j2;

import dev.sluice.event.EventLimits;
import dev.sluice.event.ImmutableArguments;
import org.apache.logging.log4j.util.StringBuilderFormattable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies one event's context data and map-message entries within {@link EventLimits}: at most
 * {@code maxEntries} in all (the rest counted), each value cut to {@code maxValueLength}. A string
 * value is cut without a full copy; a {@link StringBuilderFormattable} is formatted into a buffer
 * that is dropped at once, and only the kept part becomes a string.
 */
final class BoundedCopy {
    private final EventLimits limits;
    private int room;
    private int dropped;
    private Map<String, String> context;
    private List<Object> pairs;

    BoundedCopy(EventLimits limits) {
        this.limits = limits;
        this.room = limits.maxEntries();
    }

    int dropped() {
        return dropped;
    }

    void startContext(int size) {
        context = new LinkedHashMap<>(Math.min(size, room) * 2);
    }

    Map<String, String> context() {
        return Collections.unmodifiableMap(context);
    }

    void startPairs(int size) {
        pairs = new ArrayList<>(Math.min(size, room) * 2);
    }

    Object[] pairs() {
        return pairs.isEmpty() ? null : pairs.toArray();
    }

    void addContext(String key, Object value) {
        if (take()) {
            context.put(limits.cut(key), value == null ? null : text(value));
        }
    }

    void addPair(String key, Object value) {
        if (take()) {
            pairs.add(limits.cut(key));
            Object kept = ImmutableArguments.snapshot(value instanceof StringBuilderFormattable ? text(value) : value);
            pairs.add(kept instanceof String ? limits.cut((String) kept) : kept);
        }
    }

    private boolean take() {
        if (room == 0) {
            dropped++;
            return false;
        }
        room--;
        return true;
    }

    private String text(Object value) {
        if (value instanceof String) {
            return limits.cut((String) value);
        }
        if (value instanceof StringBuilderFormattable) {
            StringBuilder sb = new StringBuilder(64);
            try {
                ((StringBuilderFormattable) value).formatTo(sb);
                return limits.cut(sb);
            } catch (RuntimeException | LinkageError e) {
                return "[formatTo() threw " + e.getClass().getName() + "]";
            }
        }
        return limits.cut(String.valueOf(ImmutableArguments.snapshot(value)));
    }
}
