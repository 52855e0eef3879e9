package dev.sluice.logback;

import ch.qos.logback.core.spi.ContextAwareBase;
import dev.sluice.runtime.StatusSink;

/**
 * Sends the pipeline's diagnostics to Logback's StatusManager, as the appender itself (or, for the
 * Spring Boot integration, as the component that owns the pipeline).
 */
public final class LogbackStatusSink implements StatusSink {
    private final ContextAwareBase owner;

    public LogbackStatusSink(ContextAwareBase owner) {
        this.owner = owner;
    }

    @Override
    public void info(String message) {
        owner.addInfo(message);
    }

    @Override
    public void warn(String message, Throwable cause) {
        owner.addWarn(message, cause);
    }

    @Override
    public void error(String message, Throwable cause) {
        owner.addError(message, cause);
    }
}
