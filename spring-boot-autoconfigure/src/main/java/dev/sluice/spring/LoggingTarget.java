package dev.sluice.spring;

import dev.sluice.config.Backend;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.runtime.StatusSink;

/** One logging context (Logback's or Log4j2's) that the integration attaches forwarding appenders to. */
public interface LoggingTarget {
    /** The framework's status channel: Logback's StatusManager or Log4j2's StatusLogger. */
    StatusSink status();

    /** Whether the framework's own configuration (logback-spring.xml, log4j2-spring.xml) declares a Sluice appender for the backend. */
    boolean declaresOwnAppender(Backend backend);

    /** Whether {@code level} names one of this framework's levels. */
    boolean isLevel(String level);

    /** Attaches a forwarding appender for the backend to the configured loggers, replacing the one attached before. */
    void attach(BackendSettings settings, LogPipeline pipeline);

    /** Removes the backend's forwarding appender from every logger; its pipeline keeps running. */
    void detach(Backend backend);

    /** How many forwarding appenders of the backend are attached, over all loggers (for tests and diagnostics). */
    int attachedCount(Backend backend);
}
