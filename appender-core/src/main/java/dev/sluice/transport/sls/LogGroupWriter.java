package dev.sluice.transport.sls;

import dev.sluice.encode.EncodedEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frames encoded {@code Log} messages into an SLS {@code LogGroup}: the logs, then
 * {@code Topic}, {@code Source} and {@code LogTags}.
 */
public final class LogGroupWriter {
    private static final int GROUP_LOGS = 1;
    private static final int GROUP_TOPIC = 3;
    private static final int GROUP_SOURCE = 4;
    private static final int GROUP_TAGS = 6;
    private static final int TAG_KEY = 1;
    private static final int TAG_VALUE = 2;

    private final String topic;
    private final Map<String, String> tags;
    private final int trailerBytesWithoutSource;

    /** @param topic null or empty for none; @param tags LogTags, in order */
    public LogGroupWriter(String topic, Map<String, String> tags) {
        this.topic = topic == null || topic.isEmpty() ? null : topic;
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        int size = this.topic == null ? 0 : ProtobufWriter.fieldSize(ProtobufWriter.utf8Length(this.topic));
        for (Map.Entry<String, String> t : tags.entrySet()) {
            size += ProtobufWriter.fieldSize(tagSize(t));
        }
        this.trailerBytesWithoutSource = size;
    }

    /** Bytes a log of {@code logBytes} takes inside a group. */
    public static int framedSize(int logBytes) {
        return ProtobufWriter.fieldSize(logBytes);
    }

    /** Bytes of everything but the logs. */
    public int trailerSize(String source) {
        return trailerBytesWithoutSource + (source == null ? 0 : ProtobufWriter.fieldSize(ProtobufWriter.utf8Length(source)));
    }

    /** The serialized LogGroup of {@code logs[from, to)}. */
    public byte[] write(List<EncodedEvent> logs, int from, int to, String source) {
        long size = trailerSize(source);
        for (int i = from; i < to; i++) {
            size += framedSize(logs.get(i).body().length);
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("LogGroup too large: " + size + " bytes");
        }
        ProtobufWriter out = new ProtobufWriter((int) size);
        for (int i = from; i < to; i++) {
            byte[] log = logs.get(i).body();
            out.bytes(GROUP_LOGS, log, 0, log.length);
        }
        if (topic != null) {
            out.string(GROUP_TOPIC, topic);
        }
        if (source != null) {
            out.string(GROUP_SOURCE, source);
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            out.tag(GROUP_TAGS, ProtobufWriter.LENGTH_DELIMITED);
            out.varint(tagSize(t));
            out.string(TAG_KEY, t.getKey());
            out.string(TAG_VALUE, t.getValue());
        }
        return out.buffer().length == out.size() ? out.buffer() : out.toByteArray();
    }

    private static int tagSize(Map.Entry<String, String> t) {
        return ProtobufWriter.fieldSize(ProtobufWriter.utf8Length(t.getKey()))
                + ProtobufWriter.fieldSize(ProtobufWriter.utf8Length(t.getValue()));
    }
}
