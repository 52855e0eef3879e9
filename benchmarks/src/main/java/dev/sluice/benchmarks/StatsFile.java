package dev.sluice.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Side-channel for figures JMH does not record (appender counters at teardown): one JSON object per
 * line appended to the file named by the environment variable {@value #ENV} (JMH forks inherit the
 * environment), and always printed to stdout so a reader of the JMH log sees them too.
 */
final class StatsFile {
    static final String ENV = "SLUICE_BENCH_STATS";

    private StatsFile() {
    }

    static Map<String, Object> record() {
        return new LinkedHashMap<>();
    }

    static void append(Map<String, Object> fields) {
        String line = toJson(fields);
        System.out.println("SLUICE-BENCH-STATS " + line);
        String file = System.getenv(ENV);
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Files.write(Path.of(file), (line + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("could not write " + file + ": " + e);
        }
    }

    static String toJson(Map<String, Object> fields) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(escape(e.getKey())).append("\":");
            appendValue(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    @SuppressWarnings("unchecked")
    private static void appendValue(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Number || v instanceof Boolean) {
            double d = v instanceof Number ? ((Number) v).doubleValue() : 0;
            sb.append(Double.isNaN(d) || Double.isInfinite(d) ? "null" : v.toString());
        } else if (v instanceof Map) {
            sb.append(toJson((Map<String, Object>) v));
        } else if (v instanceof Iterable) {
            sb.append('[');
            boolean first = true;
            for (Object o : (Iterable<Object>) v) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                appendValue(sb, o);
            }
            sb.append(']');
        } else {
            sb.append('"').append(escape(v.toString())).append('"');
        }
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
