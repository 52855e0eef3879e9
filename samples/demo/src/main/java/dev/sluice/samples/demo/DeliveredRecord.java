package dev.sluice.samples.demo;

import java.util.Map;

/** One record as it arrived at a backend: its fields, and how many logged events it stands for. */
final class DeliveredRecord {

    final DemoBackend backend;
    /** The JSON document (RabbitMQ) or the log's contents (SLS), in arrival order. */
    final Map<String, Object> fields;
    /** SLS only: the LogGroup's topic and source and the log's time (epoch seconds); else null / 0. */
    final String topic;
    final String source;
    final long time;

    DeliveredRecord(DemoBackend backend, Map<String, Object> fields, String topic, String source, long time) {
        this.backend = backend;
        this.fields = fields;
        this.topic = topic;
        this.source = source;
        this.time = time;
    }

    String application() {
        Object application = fields.get("application");
        return application == null ? null : application.toString();
    }

    /** 1, or the {@code count} of a collapsed repeat (a number in JSON, text in SLS). */
    long events() {
        Object count = fields.get("count");
        if (count == null) {
            return 1;
        }
        try {
            return Long.parseLong(count.toString());
        } catch (NumberFormatException e) {
            return 1; // a 'count' the application logged itself, not Sluice's
        }
    }

    String text(String field) {
        Object value = fields.get(field);
        return value == null ? "" : value.toString();
    }
}
