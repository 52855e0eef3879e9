package dev.sluice.testkit.sls;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends accepted logs as JSON lines, one file per project/logstore ({@code dir/project/logstore.jsonl}), with
 * the SLS console's reserved names first: {@code __time__}, {@code __time_ns__}, {@code __topic__},
 * {@code __source__}, {@code __tag__:key}, then the contents.
 *
 * <p>A request's lines are all written or none: when a write fails (a full disk) the file is truncated back to
 * its length before the request, so it always ends on a complete line and a retry does not duplicate.
 */
final class JsonLinesWriter {

    /** Lines are written in chunks of about this size, so a 10 MB request does not need its whole JSON in memory. */
    private static final int CHUNK = 256 * 1024;

    private final ObjectMapper json = new ObjectMapper();
    private final Path directory;
    private final LogFile.Opener opener;

    JsonLinesWriter(Path directory, LogFile.Opener opener) {
        this.directory = directory;
        this.opener = opener;
    }

    Path fileOf(String project, String logstore) {
        return directory.resolve(project).resolve(logstore + ".jsonl");
    }

    /**
     * Project and logstore were validated as [A-Za-z0-9_-]+ by the handler, so they are safe path segments.
     * Synchronized: nobody else appends between this request's first chunk and a truncation.
     */
    synchronized void append(String project, String logstore, List<ReceivedLog> logs) throws IOException {
        Path file = fileOf(project, logstore);
        Files.createDirectories(file.getParent());
        try (LogFile out = opener.open(file)) {
            long before = out.size();
            long position = before;
            try {
                ByteArrayOutputStream chunk = new ByteArrayOutputStream(Math.min(CHUNK * 2, 64 * 1024));
                for (ReceivedLog log : logs) {
                    json.writeValue(chunk, toMap(log));
                    chunk.write('\n');
                    if (chunk.size() >= CHUNK) {
                        position = flush(out, chunk, position);
                    }
                }
                flush(out, chunk, position);
            } catch (IOException | RuntimeException e) {
                try {
                    out.truncate(before);
                } catch (IOException | RuntimeException t) {
                    e.addSuppressed(t);
                }
                throw e;
            }
        }
    }

    private static long flush(LogFile out, ByteArrayOutputStream chunk, long position) throws IOException {
        int n = chunk.size();
        if (n > 0) {
            out.write(ByteBuffer.wrap(chunk.toByteArray()), position);
            chunk.reset();
        }
        return position + n;
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
