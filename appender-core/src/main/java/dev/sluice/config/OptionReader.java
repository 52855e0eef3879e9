package dev.sluice.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Typed, validating access to {@link Options}. Problems are collected rather than thrown, so a
 * user sees every mistake of a configuration at once, each naming the option at fault.
 */
public final class OptionReader {
    private final Options options;
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public OptionReader(Options options) {
        this.options = options;
    }

    public List<String> errors() {
        return Collections.unmodifiableList(errors);
    }

    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    public void error(String option, String problem) {
        errors.add("option '" + option + "': " + problem);
    }

    public void warn(String option, String problem) {
        warnings.add("option '" + option + "': " + problem);
    }

    public boolean has(String name) {
        return options.has(name);
    }

    public String string(String name, String defaultValue) {
        String v = options.get(name);
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    /** A string that may legitimately be blank or carry significant spaces (prefixes, passwords). */
    public String raw(String name, String defaultValue) {
        String v = options.get(name);
        return v == null ? defaultValue : v;
    }

    public String required(String name) {
        String v = string(name, null);
        if (v == null) {
            error(name, "is required");
        }
        return v;
    }

    public boolean bool(String name, boolean defaultValue) {
        String v = string(name, null);
        if (v == null) {
            return defaultValue;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on":
                return true;
            case "false": case "no": case "off":
                return false;
            default:
                error(name, "expected true or false, got '" + v + "'");
                return defaultValue;
        }
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String v = string(name, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(v.replace("_", ""));
            if (parsed < min || parsed > max) {
                error(name, "must be between " + min + " and " + max + ", got " + v);
                return defaultValue;
            }
            return (int) parsed;
        } catch (NumberFormatException e) {
            error(name, "expected an integer, got '" + v + "'");
            return defaultValue;
        }
    }

    public Duration duration(String name, Duration defaultValue, Duration min, Duration max) {
        String v = string(name, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            Duration d = Durations.parse(v);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                error(name, "must be between " + Durations.format(min) + " and " + Durations.format(max) + ", got " + v);
                return defaultValue;
            }
            return d;
        } catch (IllegalArgumentException e) {
            error(name, e.getMessage());
            return defaultValue;
        }
    }

    public long bytes(String name, long defaultValue, long min, long max) {
        String v = string(name, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            long b = ByteSizes.parse(v);
            if (b < min || b > max) {
                error(name, "must be between " + ByteSizes.format(min) + " and " + ByteSizes.format(max) + ", got " + v);
                return defaultValue;
            }
            return b;
        } catch (IllegalArgumentException e) {
            error(name, e.getMessage());
            return defaultValue;
        }
    }

    public <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
        String v = string(name, null);
        if (v == null) {
            return defaultValue;
        }
        String normalized = v.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(normalized)) {
                return e;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        error(name, "expected one of " + allowed + ", got '" + v + "'");
        return defaultValue;
    }
}
