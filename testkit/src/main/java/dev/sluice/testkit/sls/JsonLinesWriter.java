package dev.sluice.testkit.sls;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends accepted logs as JSON lines, one file per project/logstore ({@code dir/project/logstore.jsonl}), with
 * the SLS console's reserved names first: {@code __time__}, {@code __time_ns__}, {@code __topic__},
 * {@code __source__}, {@code __tag__:key}, then the contents.
 */
final class JsonLinesWriter {

    private final ObjectMapper json = new ObjectMapper();
    private final Path directory;

    JsonLinesWriter(Path directory) {
        this.directory = directory;
    }

    /** Project and logstore were validated as [A-Za-z0-9_-]+ by the handler, so they are safe path segments. */
    synchronized void append(String project, String logstore, List<ReceivedLog> logs) {
        StringBuilder lines = new StringBuilder();
        try {
            for (ReceivedLog log : logs) {
                lines.append(json.writeValueAsString(toMap(log))).append('\n');
            }
            Path file = directory.resolve(project).resolve(logstore + ".jsonl");
            Files.createDirectories(file.getParent());
            Files.write(file, lines.toString().getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write received logs under " + directory, e);
        }
    }

    static Map<String, Object> toMap(ReceivedLog log) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("__time__", log.time());
        if (log.timeNs() != null) {
            line.put("__time_ns__", Integer.toUnsignedLong(log.timeNs()));
        }
        if (log.topic() != null) {
            line.put("__topic__", log.topic());
        }
        if (log.source() != null) {
            line.put("__source__", log.source());
        }
        log.tags().forEach((key, value) -> line.put("__tag__:" + key, value));
        log.contents().forEach(entry -> line.put(entry.getKey(), entry.getValue()));
        return line;
    }
}
