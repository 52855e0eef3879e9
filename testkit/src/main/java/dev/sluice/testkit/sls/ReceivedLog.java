package dev.sluice.testkit.sls;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One log the receiver accepted, as decoded from a PutLogs LogGroup. Immutable. */
public final class ReceivedLog {

    private final String project;
    private final String logstore;
    private final long time;
    private final Integer timeNs;
    private final List<Map.Entry<String, String>> contents;
    /** Built on first use: most logs are only counted or written, and the map would double their footprint. */
    private volatile Map<String, String> fields;
    private final String topic;
    private final String source;
    private final Map<String, String> tags;
    private final String requestId;

    ReceivedLog(String project, String logstore, long time, Integer timeNs, List<Map.Entry<String, String>> contents,
            String topic, String source, Map<String, String> tags, String requestId) {
        this.project = project;
        this.logstore = logstore;
        this.time = time;
        this.timeNs = timeNs;
        List<Map.Entry<String, String>> copy = new ArrayList<>(contents.size());
        for (Map.Entry<String, String> entry : contents) {
            copy.add(entry instanceof SimpleImmutableEntry ? entry
                    : new SimpleImmutableEntry<>(entry.getKey(), entry.getValue()));
        }
        this.contents = Collections.unmodifiableList(copy);
        this.topic = topic;
        this.source = source;
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        this.requestId = requestId;
    }

    public String project() {
        return project;
    }

    public String logstore() {
        return logstore;
    }

    /** {@code Log.Time}: seconds since the epoch. */
    public long time() {
        return time;
    }

    /** {@code Log.Time_ns}: the nanosecond part of the second, or null when the client did not send it. */
    public Integer timeNs() {
        return timeNs;
    }

    /** The contents in the order they were sent, duplicates kept. */
    public List<Map.Entry<String, String>> contents() {
        return contents;
    }

    /** The contents as a map in sending order; for a key sent twice the last value wins. */
    public Map<String, String> fields() {
        Map<String, String> view = fields;
        if (view == null) {
            Map<String, String> map = new LinkedHashMap<>();
            for (Map.Entry<String, String> entry : contents) {
                map.put(entry.getKey(), entry.getValue());
            }
            view = Collections.unmodifiableMap(map);
            fields = view;
        }
        return view;
    }

    /** The value of one content key (last one sent), or null. */
    public String get(String key) {
        return fields().get(key);
    }

    /** The LogGroup's Topic, or null when absent. */
    public String topic() {
        return topic;
    }

    /** The LogGroup's Source, or null when absent. */
    public String source() {
        return source;
    }

    /** The LogGroup's LogTags, in order. */
    public Map<String, String> tags() {
        return tags;
    }

    /** The x-log-requestid the receiver answered the carrying request with. */
    public String requestId() {
        return requestId;
    }

    @Override
    public String toString() {
        return "ReceivedLog[" + project + "/" + logstore + " time=" + time + (timeNs == null ? "" : "." + timeNs)
                + " topic=" + topic + " source=" + source + " tags=" + tags + " contents=" + contents + "]";
    }
}
