package dev.sluice.benchmarks;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** The Log4j2 floor: Log4j2's own cost of a log call (event, appender dispatch) with an appender that does nothing. */
final class Log4j2NoopAppender extends AbstractAppender {
    Log4j2NoopAppender(String name) {
        super(name, null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
        // Intentionally empty.
    }
}
