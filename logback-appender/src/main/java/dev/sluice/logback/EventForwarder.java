package dev.sluice.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.runtime.OwnEvents;

/** The one never-throwing way a Logback appender hands an event to a pipeline, shared by every Sluice appender. */
final class EventForwarder {
    private EventForwarder() {
    }

    static void forward(LogPipeline pipeline, ILoggingEvent event, boolean includeCallerData) {
        if (pipeline == null || event == null) {
            return;
        }
        // Logged by our own sender or a transport library's thread: shipping it could loop. Decided
        // by the event's origin (Logback events carry only the thread's name), not by who appends it.
        if (OwnEvents.isOwn(event.getLoggerName(), -1, event.getThreadName())) {
            return;
        }
        try {
            pipeline.offer(LogbackEvents.snapshot(event, includeCallerData, pipeline.eventLimits()));
        } catch (RuntimeException | Error e) {
            pipeline.rejected(e);
        }
    }
}
