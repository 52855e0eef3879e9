package dev.sluice.spring;

import dev.sluice.config.Backend;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.pipeline.PipelineStats;

import java.util.Map;

/**
 * The running pipelines the properties configured, looked up afresh on every call so that a replaced
 * pipeline (changed settings, a logging restart) is never held on to. Metrics and health build on this.
 */
public class SluicePipelines {
    /** Backend → running pipeline; empty when nothing is configured or no supported logging framework runs. */
    public Map<Backend, LogPipeline> pipelines() {
        PipelineRegistry registry = LoggingRegistries.current();
        return registry == null ? Map.of() : registry.pipelines();
    }

    /** A backend's counters including those of pipelines replaced since, so that they never go backwards. */
    public PipelineStats.Snapshot totals(Backend backend) {
        PipelineRegistry registry = LoggingRegistries.current();
        return registry == null ? PipelineStats.Snapshot.empty() : registry.totals(backend);
    }
}
