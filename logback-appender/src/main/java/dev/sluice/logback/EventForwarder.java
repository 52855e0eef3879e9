package dev.sluice.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.pipeline.SluiceThread;

/** The one never-throwing way a Logback appender hands an event to a pipeline, shared by every Sluice appender. */
final class EventForwarder {
    private EventForwarder() {
    }

    static void forward(LogPipeline pipeline, ILoggingEvent event, boolean includeCallerData) {
        if (SluiceThread.isCurrent()) {
            // Logged by our own sender or a transport library's thread: shipping it could loop.
            return;
        }
        if (pipeline == null || event == null) {
            return;
        }
        try {
            pipeline.offer(LogbackEvents.snapshot(event, includeCallerData, pipeline.eventLimits()));
        } catch (RuntimeException | Error e) {
            pipeline.rejected();
        }
    }
}
