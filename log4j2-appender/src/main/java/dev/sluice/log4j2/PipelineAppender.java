package dev.sluice.log4j2;

import dev.sluice.pipeline.LogPipeline;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.impl.LocationAware;

/**
 * Forwards events at or above a minimum level to a pipeline that someone else owns (the Spring Boot
 * integration, which keeps its pipelines across reconfigurations). Stopping this appender, as every
 * reconfiguration does with the old configuration's appenders, leaves the pipeline running; its owner
 * drains and stops it. Never throws into the application.
 */
public final class PipelineAppender extends AbstractAppender implements LocationAware {
    private final String backend;
    private final LogPipeline pipeline;
    private final Level minimumLevel;

    /**
     * @param backend      which backend the pipeline ships to ("rabbitmq", "sls"), to tell appenders apart
     * @param minimumLevel events less severe are not forwarded; null forwards every level
     */
    public PipelineAppender(String name, String backend, LogPipeline pipeline, Level minimumLevel) {
        super(name, null, null, true, Property.EMPTY_ARRAY);
        this.backend = backend;
        this.pipeline = pipeline;
        this.minimumLevel = minimumLevel;
    }

    @Override
    public void append(LogEvent event) {
        if (minimumLevel != null && event != null && !event.getLevel().isMoreSpecificThan(minimumLevel)) {
            return;
        }
        EventForwarder.forward(pipeline, event, pipeline.capturesCallerData());
    }

    @Override
    public boolean requiresLocation() {
        return pipeline.capturesCallerData();
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
