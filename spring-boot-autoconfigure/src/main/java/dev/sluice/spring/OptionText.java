package dev.sluice.spring;

import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns bound property values into the text the core parses, so that the core stays the one place
 * that reads, defaults and checks option values.
 */
final class OptionText {
    private OptionText() {
    }

    static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Duration d) {
            return d.toString(); // ISO-8601 (PT0.2S), which core's Durations.parse accepts
        }
        if (value instanceof DataSize size) {
            return Long.toString(size.toBytes());
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return value.toString();
    }
}
