package dev.sluice.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Raw option values under their canonical names, as a configuration style gave them.
 *
 * <p>Every configuration style (logback.xml, log4j2.xml, Spring properties) collects strings here,
 * so that parsing, defaults and error messages are the same everywhere.
 */
public final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();

    /** Sets an option; a {@code null} value removes it. */
    public Options set(String name, String value) {
        if (value == null) {
            values.remove(name);
        } else {
            values.put(name, value);
        }
        return this;
    }

    /**
     * Sets an option and says where it came from (e.g. {@code sluice.sls.batch-size}), so that a
     * problem with it is reported under the name the user wrote.
     */
    public Options set(String name, String value, String origin) {
        set(name, value);
        if (value == null || origin == null) {
            origins.remove(name);
        } else {
            origins.put(name, origin);
        }
        return this;
    }

    /** The name the user wrote for this option: its origin when one was given, else the canonical name. */
    public String displayName(String name) {
        String origin = origins.get(name);
        return origin == null ? name : origin;
    }

    /** Appends to a list-like option (e.g. repeated {@code <identity>} elements), comma separated. */
    public Options append(String name, String value) {
        if (value == null || value.isBlank()) {
            return this;
        }
        String previous = values.get(name);
        values.put(name, previous == null || previous.isBlank() ? value : previous + "," + value);
        return this;
    }

    public String get(String name) {
        return values.get(name);
    }

    public boolean has(String name) {
        String v = values.get(name);
        return v != null && !v.isBlank();
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public Options copy() {
        Options copy = new Options();
        copy.values.putAll(values);
        copy.origins.putAll(origins);
        return copy;
    }

    /** Names only: values may hold secrets. */
    @Override
    public String toString() {
        return "Options" + values.keySet();
    }
}
