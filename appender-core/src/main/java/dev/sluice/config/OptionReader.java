package dev.sluice.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Typed, validating access to {@link Options}. Problems are collected rather than thrown, so a
 * user sees every mistake of a configuration at once, each naming the option at fault.
 */
public final class OptionReader {
    private final Options options;
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> consulted = new LinkedHashSet<>();

    public OptionReader(Options options) {
        this.options = options;
    }

    public List<String> errors() {
        return Collections.unmodifiableList(errors);
    }

    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** The names the readers asked for: lets a test prove that every declared option is read. */
    public Set<String> consulted() {
        return Collections.unmodifiableSet(consulted);
    }

    public void error(String option, String problem) {
        errors.add(label(option) + problem);
    }

    public void warn(String option, String problem) {
        warnings.add(label(option) + problem);
    }

    public void error(OptionSpec option, String problem) {
        error(option.name(), problem);
    }

    public void warn(OptionSpec option, String problem) {
        warn(option.name(), problem);
    }

    private String label(String option) {
        String shown = options.displayName(option);
        // A Spring property name is not an option name: say which it is.
        return (shown.equals(option) ? "option '" : "property '") + shown + "': ";
    }

    // ---- typed access by declaration: default and bounds come from the catalogue ---------------

    public boolean has(OptionSpec option) {
        return has(option.name());
    }

    /** Trimmed; blank counts as unset. */
    public String string(OptionSpec option) {
        return string(option.name(), option.defaultValue());
    }

    /** As written (prefixes, passwords: spaces may matter). */
    public String raw(OptionSpec option) {
        return raw(option.name(), option.defaultValue());
    }

    /** For a default computed from other options or the environment. */
    public String string(OptionSpec option, String computedDefault) {
        return string(option.name(), computedDefault);
    }

    public String required(OptionSpec option) {
        return required(option.name());
    }

    public boolean bool(OptionSpec option) {
        return bool(option.name(), Boolean.parseBoolean(option.defaultValue()));
    }

    public int integer(OptionSpec option) {
        return integer(option, Integer.parseInt(option.defaultValue()));
    }

    /** For a default computed from other options (e.g. batchSize never above queueSize). */
    public int integer(OptionSpec option, int defaultValue) {
        return integer(option.name(), defaultValue, (int) option.min(), (int) option.max());
    }

    public Duration duration(OptionSpec option) {
        String d = option.defaultValue();
        return duration(option.name(), d == null ? Duration.ZERO : Durations.parse(d),
                option.minDuration(), option.maxDuration());
    }

    public long bytes(OptionSpec option) {
        return bytes(option.name(), ByteSizes.parse(option.defaultValue()), option.min(), option.max());
    }

    /** An ENUM option whose allowed values are the constants' names in lower kebab-case. */
    public <E extends Enum<E>> E choice(OptionSpec option, Class<E> type) {
        String normalized = option.defaultValue().toUpperCase(Locale.ROOT).replace('-', '_');
        return choice(option.name(), type, Enum.valueOf(type, normalized));
    }

    // ---- typed access by name (package-private: readers go through the declarations) -----

    boolean has(String name) {
        consulted.add(name);
        return options.has(name);
    }

    String string(String name, String defaultValue) {
        consulted.add(name);
        String v = options.get(name);
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    /** A string that may legitimately be blank or carry significant spaces (prefixes, passwords). */
    String raw(String name, String defaultValue) {
        consulted.add(name);
        String v = options.get(name);
        return v == null ? defaultValue : v;
    }

    String required(String name) {
        String v = string(name, null);
        if (v == null) {
            error(name, "is required");
        }
        return v;
    }

    boolean bool(String name, boolean defaultValue) {
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

    int integer(String name, int defaultValue, int min, int max) {
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

    Duration duration(String name, Duration defaultValue, Duration min, Duration max) {
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

    long bytes(String name, long defaultValue, long min, long max) {
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

    <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
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
