package dev.sluice.spring;

import dev.sluice.config.Backend;
import dev.sluice.config.OptionsFingerprint;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.pipeline.PipelineAssembly;
import dev.sluice.pipeline.PipelineStats;
import dev.sluice.runtime.StatusSink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipelines the properties configured for one logging context, one per backend. The integration,
 * not the framework's appenders, owns them: a framework reset detaches the forwarding appenders, and
 * {@link #reattach} puts them back on the same running pipelines. Applying unchanged settings again
 * keeps a pipeline (nothing queued is lost, no reconnect); changed settings start a new pipeline,
 * swap it in, then drain and stop the old one.
 */
public final class PipelineRegistry {
    private final LoggingTarget target;
    private final Map<Backend, Slot> slots = new EnumMap<>(Backend.class);
    /** Backends for which "the logging configuration declares its own appender" was said already. */
    private final Set<Backend> reportedDeclared = EnumSet.noneOf(Backend.class);
    /** Final counters of the pipelines this registry replaced or stopped, so that totals never go backwards. */
    private final Map<Backend, PipelineStats.Snapshot> retired = new EnumMap<>(Backend.class);

    /** A running pipeline, the settings it was started with and their fingerprint (never the values: they hold secrets). */
    private record Slot(BackendSettings settings, String fingerprint, LogPipeline pipeline) {
    }

    public PipelineRegistry(LoggingTarget target) {
        this.target = target;
    }

    public LoggingTarget target() {
        return target;
    }

    public StatusSink status() {
        return target.status();
    }

    /**
     * Makes the running pipelines match {@code desired}: backends not in it are detached and drained.
     *
     * @return the error messages of backends that could not start (already reported on the status channel)
     */
    public synchronized List<String> apply(Map<Backend, BackendSettings> desired) {
        List<String> failures = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            BackendSettings settings = desired.get(backend);
            if (settings == null) {
                release(backend);
            } else if (!yieldsToDeclaredAppender(backend)) {
                failures.addAll(start(settings));
            }
        }
        return failures;
    }

    private List<String> start(BackendSettings settings) {
        Backend backend = settings.backend();
        String fingerprint = OptionsFingerprint.of(backend.key(), settings.options());
        Slot current = slots.get(backend);
        if (current != null && current.fingerprint().equals(fingerprint) && !current.pipeline().isStopped()) {
            // Same options: keep the running pipeline; the level or loggers may still have changed.
            slots.put(backend, new Slot(settings, fingerprint, current.pipeline()));
            target.attach(settings, current.pipeline());
            return List.of();
        }
        ErrorCapture errors = new ErrorCapture(target.status());
        LogPipeline started;
        try {
            started = PipelineAssembly.start(backend.key(), settings.options(), errors,
                    BackendTransports.factory(backend, backend.key(), target.status()));
        } catch (RuntimeException | LinkageError e) {
            errors.error("Sluice appender '" + backend.key() + "': could not start", e);
            started = null;
        }
        errors.stopCapturing(); // the pipeline keeps this sink for its runtime reports
        if (started == null) {
            release(backend);
            return errors.messages();
        }
        slots.put(backend, new Slot(settings, fingerprint, started));
        target.attach(settings, started);
        if (current != null) {
            retire(backend, current.pipeline());
        }
        return List.of();
    }

    private boolean yieldsToDeclaredAppender(Backend backend) {
        if (!target.declaresOwnAppender(backend)) {
            return false;
        }
        if (reportedDeclared.add(backend)) {
            target.status().info("Sluice: the logging configuration declares its own " + backend.key()
                    + " appender, so the sluice." + backend.key() + ".* properties configure nothing");
        }
        release(backend);
        return true;
    }

    /** Puts the forwarding appenders back after the logging framework was reset or reconfigured. */
    public synchronized void reattach() {
        for (Backend backend : Backend.values()) {
            Slot slot = slots.get(backend);
            if (slot != null && !yieldsToDeclaredAppender(backend)) {
                target.attach(slot.settings(), slot.pipeline());
            }
        }
    }

    /** The logging context stops for good: detach everything, drain and stop every pipeline within its closeTimeout. */
    public synchronized void shutdown() {
        for (Backend backend : Backend.values()) {
            release(backend);
        }
    }

    private void release(Backend backend) {
        Slot slot = slots.remove(backend);
        target.detach(backend);
        if (slot != null) {
            retire(backend, slot.pipeline());
        }
    }

    /** Drains and stops a pipeline (within its closeTimeout) and keeps its final counters. */
    private void retire(Backend backend, LogPipeline pipeline) {
        pipeline.stop();
        retired.merge(backend, pipeline.stats(), PipelineStats.Snapshot::plus);
    }

    /**
     * Counters of a backend since this registry started it first: the running pipeline's plus those of
     * every pipeline it replaced or stopped (for metrics, which must not go backwards on a replacement).
     */
    public synchronized PipelineStats.Snapshot totals(Backend backend) {
        PipelineStats.Snapshot past = retired.getOrDefault(backend, PipelineStats.Snapshot.empty());
        Slot slot = slots.get(backend);
        return slot == null ? past : slot.pipeline().stats().plus(past);
    }

    /** The running pipelines, for metrics and health; a replaced pipeline is no longer listed. */
    public synchronized Map<Backend, LogPipeline> pipelines() {
        Map<Backend, LogPipeline> running = new EnumMap<>(Backend.class);
        slots.forEach((backend, slot) -> running.put(backend, slot.pipeline()));
        return Collections.unmodifiableMap(running);
    }

    /** Forwards to the status channel and keeps the start-up errors, so strict mode can fail start-up with them. */
    private static final class ErrorCapture implements StatusSink {
        private final StatusSink delegate;
        private final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean capturing = true;

        ErrorCapture(StatusSink delegate) {
            this.delegate = delegate;
        }

        List<String> messages() {
            return errors;
        }

        void stopCapturing() {
            capturing = false;
        }

        @Override
        public void info(String message) {
            delegate.info(message);
        }

        @Override
        public void warn(String message, Throwable cause) {
            delegate.warn(message, cause);
        }

        @Override
        public void error(String message, Throwable cause) {
            if (capturing) {
                errors.add(message);
            }
            delegate.error(message, cause);
        }
    }
}
