package dev.sluice.benchmarks;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/** The floor: Logback's own cost of a log call (event creation, appender dispatch) with an appender that does nothing. */
public final class NoopAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
        // Intentionally empty.
    }
}
