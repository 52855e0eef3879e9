package dev.sluice.log4j2;

import dev.sluice.runtime.StatusSink;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.status.StatusLogger;

/** Sends the pipeline's diagnostics to Log4j2's StatusLogger, never to the loggers the appender serves. */
public final class Log4j2StatusSink implements StatusSink {
    public static final Log4j2StatusSink INSTANCE = new Log4j2StatusSink();
    private static final Logger STATUS = StatusLogger.getLogger();

    private Log4j2StatusSink() {
    }

    // As CharSequence: the text is final; a '{}' inside it must not be taken for a placeholder.
    @Override
    public void info(String message) {
        STATUS.info((CharSequence) message);
    }

    @Override
    public void warn(String message, Throwable cause) {
        STATUS.warn((CharSequence) message, cause);
    }

    @Override
    public void error(String message, Throwable cause) {
        STATUS.error((CharSequence) message, cause);
    }
}
