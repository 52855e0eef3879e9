package dev.sluice.spring.actuate;

import dev.sluice.config.Backend;
import dev.sluice.pipeline.DropReason;
import dev.sluice.pipeline.PipelineStats;
import dev.sluice.pipeline.Severity;
import dev.sluice.spring.SluicePipelines;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Sluice's counters as Micrometer meters, tagged by appender and backend. Every meter reads the
 * backend's running totals, never one pipeline: a configuration change that replaces the pipeline
 * leaves the counters monotonic, as Prometheus-style consumers require.
 */
public final class SluiceMeterBinder implements MeterBinder {
    private final SluicePipelines totals;

    public SluiceMeterBinder(SluicePipelines totals) {
        this.totals = totals;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Backend backend : totals.pipelines().keySet()) {
            Tags tags = Tags.of("appender", backend.key(), "backend", backend.key());
            counter(registry, "sluice.events.accepted", "Events that entered the queue", tags, backend,
                    PipelineStats.Snapshot::accepted);
            counter(registry, "sluice.events.sent", "Events the backend confirmed", tags, backend,
                    PipelineStats.Snapshot::sent);
            counter(registry, "sluice.events.failed", "Events of batches that failed for good", tags, backend,
                    PipelineStats.Snapshot::failed);
            counter(registry, "sluice.events.collapsed", "Repeats shipped only as another event's count", tags,
                    backend, PipelineStats.Snapshot::collapsed);
            FunctionCounter.builder("sluice.send.retries", totals, t -> read(t, backend, PipelineStats.Snapshot::retries))
                    .description("Send attempts that were retried").baseUnit("attempts").tags(tags).register(registry);
            for (DropReason reason : DropReason.values()) {
                counter(registry, "sluice.events.dropped", "Events dropped, by reason", tags.and("reason", reason.label()),
                        backend, s -> s.dropped(reason));
            }
            // A meter of its own, not a second tag on sluice.events.dropped: only drops at the log call have a
            // level, and summing sluice.events.dropped over its series must stay the total.
            for (Severity level : Severity.values()) {
                counter(registry, "sluice.events.dropped.level",
                        "Events dropped at the log call (queue full, too large, after stop), by level",
                        tags.and("level", level.name()), backend, s -> s.dropped(level));
            }
            Gauge.builder("sluice.queue.depth", totals, t -> read(t, backend, PipelineStats.Snapshot::queueDepth))
                    .description("Events waiting in the queue").baseUnit("events").tags(tags).register(registry);
            FunctionTimer.builder("sluice.send", totals,
                            t -> (long) read(t, backend, s -> s.sends().attempts()),
                            t -> read(t, backend, s -> s.sends().totalNanos()), TimeUnit.NANOSECONDS)
                    .description("Calls of the transport's send (one per batch attempt) and their duration")
                    .tags(tags).register(registry);
        }
    }

    private void counter(MeterRegistry registry, String name, String description, Tags tags, Backend backend,
                         ToDoubleFunction<PipelineStats.Snapshot> value) {
        FunctionCounter.builder(name, totals, t -> read(t, backend, value))
                .description(description).baseUnit("events").tags(tags).register(registry);
    }

    private static double read(SluicePipelines totals, Backend backend, ToDoubleFunction<PipelineStats.Snapshot> value) {
        PipelineStats.Snapshot s = totals.totals(backend);
        return s == null ? 0 : value.applyAsDouble(s);
    }
}
