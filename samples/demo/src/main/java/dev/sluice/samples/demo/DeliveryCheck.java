package dev.sluice.samples.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether one sample's events reached one backend, all of them: the appender's counters add up, nothing was
 * dropped, failed or left queued, and what the backend holds matches what the appender counted as sent.
 */
final class DeliveryCheck {

    final Sample sample;
    final DemoBackend backend;
    final long logged;
    final AppenderCounters counters;
    /** Records read back from the backend, or null when it cannot be read (a real SLS endpoint). */
    final List<DeliveredRecord> records;

    DeliveryCheck(Sample sample, DemoBackend backend, long logged, AppenderCounters counters,
                  List<DeliveredRecord> records) {
        this.sample = sample;
        this.backend = backend;
        this.logged = logged;
        this.counters = counters;
        this.records = records;
    }

    /** Records that arrived: read back, or, for a backend that cannot be read, those it acknowledged. */
    long delivered() {
        return records != null ? records.size() : counters == null ? 0 : counters.sent;
    }

    /** What is wrong, for the user; empty when every event is accounted for and delivered. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        String where = sample.directory + " → " + backend.label + ": ";
        if (counters == null) {
            problems.add(where + "the sample printed no counters for its " + backend.label + " appender (did it start?)");
            return problems;
        }
        if (!counters.balanced()) {
            problems.add(where + "the counters do not add up: accepted " + counters.accepted + " ≠ sent "
                    + counters.sent + " + failed " + counters.failed + " + dropped " + counters.dropped
                    + " + collapsed " + counters.collapsed + " + queued " + counters.queued);
        }
        if (counters.queued > 0) {
            problems.add(where + counters.queued + " events were still queued when the application exited");
        }
        if (counters.dropped > 0) {
            problems.add(where + counters.dropped + " events dropped " + counters.dropReasons);
        }
        if (counters.failed > 0) {
            problems.add(where + counters.failed + " events failed (the backend refused or could not be reached;"
                    + " the sample's log says why)");
        }
        if (logged > counters.accepted) {
            problems.add(where + "the application logged " + logged + " events but the appender accepted only "
                    + counters.accepted);
        }
        if (records != null) {
            if (records.size() != counters.sent) {
                problems.add(where + "the backend holds " + records.size() + " records, the appender counted "
                        + counters.sent + " as sent");
            }
            long represented = records.stream().mapToLong(DeliveredRecord::events).sum();
            if (represented != counters.sent + counters.collapsed) {
                problems.add(where + "the records stand for " + represented + " events (counting repeats), expected "
                        + (counters.sent + counters.collapsed));
            }
        }
        return problems;
    }
}
