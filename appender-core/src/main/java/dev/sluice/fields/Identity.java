package dev.sluice.fields;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Static key/values that name the activity (project=shop, application=backend), parsed from {@code k=v,k=v}. */
public final class Identity {
    private final Map<String, String> fields;

    private Identity(Map<String, String> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    public static Identity empty() {
        return new Identity(new LinkedHashMap<>());
    }

    /**
     * Parses {@code k=v,k=v}; also accepts newlines or semicolons as separators so that a long
     * identity can be written over several lines.
     *
     * @throws IllegalArgumentException naming the malformed pair
     */
    public static Identity parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (text != null) {
            for (String pair : text.split("[,;\\n]")) {
                String trimmed = pair.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("expected key=value pairs separated by commas, got '" + trimmed + "'");
                }
                String key = trimmed.substring(0, eq).trim();
                String value = trimmed.substring(eq + 1).trim();
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("empty key in '" + trimmed + "'");
                }
                fields.put(key, value);
            }
        }
        return new Identity(fields);
    }

    public Map<String, String> fields() {
        return fields;
    }

    public String get(String key) {
        return fields.get(key);
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
