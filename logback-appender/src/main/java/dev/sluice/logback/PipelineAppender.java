package dev.sluice.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.sluice.pipeline.LogPipeline;

/**
 * Forwards events at or above a minimum level to a pipeline that someone else owns (the Spring Boot
 * integration keeps pipelines across Logback resets, which stop every attached appender). Stopping
 * this appender therefore leaves the pipeline running; its owner drains and stops it.
 */
public final class PipelineAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private final LogPipeline pipeline;
    private final Level minimumLevel;
    private final String backend;

    /**
     * @param backend      which backend the pipeline ships to ("rabbitmq", "sls"), to tell appenders apart
     * @param minimumLevel events below it are not forwarded; null forwards every level
     */
    public PipelineAppender(String backend, LogPipeline pipeline, Level minimumLevel) {
        this.backend = backend;
        this.pipeline = pipeline;
        this.minimumLevel = minimumLevel;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (minimumLevel != null && event != null && !event.getLevel().isGreaterOrEqual(minimumLevel)) {
            return;
        }
        EventForwarder.forward(pipeline, event, pipeline.capturesCallerData());
    }

    public LogPipeline pipeline() {
        return pipeline;
    }

    public String backend() {
        return backend;
    }

    /** Name and backend only: the pipeline's options may hold secrets. */
    @Override
    public String toString() {
        return "PipelineAppender[name=" + getName() + ", backend=" + backend + "]";
    }
}
