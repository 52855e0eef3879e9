package dev.sluice.samples.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Prints the delivery table and a few delivered records the way Kibana and the SLS console show them. */
final class Report {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String ROW = "  %-27s %-9s %7s %9s %10s %10s %8s %7s  %s%n";

    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void table(List<DeliveryCheck> checks) {
        out.println();
        out.println("Delivery");
        out.printf(Locale.ROOT, ROW, "sample", "backend", "logged", "accepted", "delivered", "collapsed", "dropped",
                "failed", "");
        for (DeliveryCheck c : checks) {
            AppenderCounters n = c.counters;
            out.printf(Locale.ROOT, ROW, c.sample.directory, c.backend.label, c.logged,
                    n == null ? "-" : n.accepted, c.delivered() + (c.records == null ? "*" : ""),
                    n == null ? "-" : n.collapsed, n == null ? "-" : n.dropped, n == null ? "-" : n.failed,
                    c.problems().isEmpty() ? "ok" : "PROBLEM");
        }
        out.println("  logged: by the application's code; accepted: every event the appender took, a framework's own"
                + " start-up lines included;");
        out.println("  delivered: records read back from the backend" + (checks.stream().anyMatch(c -> c.records == null)
                ? " (* acknowledged by the endpoint, which the demo cannot read back)" : "")
                + "; collapsed: repeats shipped as one record's count.");
    }

    /**
     * Three telling records of a backend, one per sample so that the frameworks can be compared: fields
     * extracted from a JSON message, a collapsed warning storm, an exception with its causes.
     */
    void samples(DemoBackend backend, Map<Sample, List<DeliveredRecord>> bySample) {
        if (bySample.isEmpty()) {
            return;
        }
        out.println();
        out.println(backend == DemoBackend.RABBITMQ
                ? "What arrived on RabbitMQ (the JSON document, as Kibana's JSON view shows it):"
                : "What arrived in SLS (the log, as the SLS console shows it):");
        List<Predicate<DeliveredRecord>> telling = List.of(r -> r.fields.containsKey("event"), r -> r.events() > 1,
                r -> r.fields.containsKey("stack_trace"));
        int i = 0;
        for (List<DeliveredRecord> records : bySample.values()) {
            if (i < telling.size()) {
                pick(records, telling.get(i++)).ifPresent(this::print);
            }
        }
    }

    private static Optional<DeliveredRecord> pick(List<DeliveredRecord> records, Predicate<DeliveredRecord> telling) {
        return records.stream().filter(telling).findFirst();
    }

    private void print(DeliveredRecord record) {
        out.println();
        if (record.backend == DemoBackend.RABBITMQ) {
            Map<String, Object> document = new java.util.LinkedHashMap<>(record.fields);
            document.computeIfPresent("stack_trace", (k, v) -> shortened(v.toString()));
            try {
                out.println(indent(PRETTY.writeValueAsString(document)));
            } catch (JsonProcessingException e) {
                out.println(indent(document.toString()));
            }
            return;
        }
        out.printf(Locale.ROOT, "    __time__: %s   __topic__: %s   __source__: %s%n",
                Instant.ofEpochSecond(record.time), record.topic, record.source);
        record.fields.forEach((key, value) -> out.println("    " + key + ": "
                + (key.equals("stack_trace") ? shortened(value.toString()).replace("\n", "\n      ") : value)));
    }

    /** The exception lines and "Caused by" chain, with one frame each: what a reader looks at first. */
    private static String shortened(String stackTrace) {
        StringBuilder sb = new StringBuilder();
        boolean frameShown = false;
        int omitted = 0;
        for (String line : stackTrace.split("\n")) {
            String trimmed = line.trim();
            boolean frame = trimmed.startsWith("at ") || trimmed.startsWith("...");
            if (frame && frameShown) {
                omitted++;
                continue;
            }
            if (!frame && omitted > 0) {
                sb.append("\t... ").append(omitted).append(" more\n");
                omitted = 0;
            }
            frameShown = frame;
            sb.append(line).append('\n');
        }
        if (omitted > 0) {
            sb.append("\t... ").append(omitted).append(" more\n");
        }
        return sb.toString().stripTrailing();
    }

    private static String indent(String text) {
        return "    " + text.replace("\n", "\n    ");
    }
}
