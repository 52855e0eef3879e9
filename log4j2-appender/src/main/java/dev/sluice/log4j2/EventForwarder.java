package dev.sluice.log4j2;

import dev.sluice.pipeline.LogPipeline;
import dev.sluice.runtime.OwnEvents;
import org.apache.logging.log4j.core.LogEvent;

/** The one never-throwing way a Log4j2 appender hands an event to a pipeline, shared by every Sluice appender. */
final class EventForwarder {
    private EventForwarder() {
    }

    /** What became of an event; the appender decides whether that is worth an exception. */
    static final class Outcome {
        static final Outcome QUEUED = new Outcome(null);
        /** Dropped by the pipeline (full queue, too large, stopped): counted there. */
        static final Outcome NOT_QUEUED = new Outcome(null);
        /** Logged by Sluice's own threads: never shipped. */
        static final Outcome SKIPPED = new Outcome(null);

        private final Throwable unreadable;

        private Outcome(Throwable unreadable) {
            this.unreadable = unreadable;
        }

        /** The failure to read the event (a hostile or broken event), or null. */
        Throwable unreadable() {
            return unreadable;
        }
    }

    static Outcome forward(LogPipeline pipeline, LogEvent event, boolean includeCallerData) {
        if (event == null || loggedBySluice(event)) {
            return Outcome.SKIPPED;
        }
        try {
            return pipeline.offer(Log4j2Events.snapshot(event, includeCallerData, pipeline.eventLimits())) ? Outcome.QUEUED : Outcome.NOT_QUEUED;
        } catch (RuntimeException | Error e) {
            pipeline.rejected(e);
            return new Outcome(e);
        }
    }

    /**
     * Events caused by Sluice's own sending are never shipped, so the library cannot log into itself.
     * With async loggers or {@code <Async>} the append runs on another thread, so the decision uses
     * the logging thread's id the event carries, never a thread name pattern.
     */
    static boolean loggedBySluice(LogEvent event) {
        return OwnEvents.isOwn(event.getLoggerName(), event.getThreadId(), event.getThreadName());
    }
}
