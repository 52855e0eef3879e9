package dev.sluice.logback;

import dev.sluice.transport.TransportFactory;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.sluice.config.Options;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.pipeline.PipelineAssembly;
import dev.sluice.pipeline.PipelineStats;

/**
 * What every Sluice Logback appender shares: the field and pipeline options (as logback.xml
 * setters under their canonical names), start-up validation, and the never-throwing append.
 * Values are kept as strings and parsed by the core, so every configuration style reads them alike.
 */
public abstract class SluiceAppenderBase extends UnsynchronizedAppenderBase<ILoggingEvent> {
    protected final Options options = new Options();
    private volatile LogPipeline pipeline;
    private boolean includeCallerData;

    /** Creates the transport factory for this appender's backend. */
    protected abstract TransportFactory transportFactory();

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        String appenderName = name == null ? getClass().getSimpleName() : name;
        LogPipeline p = PipelineAssembly.start(appenderName, options.copy(), new LogbackStatusSink(this),
                transportFactory());
        if (p == null) {
            return;
        }
        includeCallerData = p.capturesCallerData();
        pipeline = p;
        super.start();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        LogPipeline p = pipeline;
        if (p != null) {
            p.stop();
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        EventForwarder.forward(pipeline, event, includeCallerData);
    }

    /** Counters of this appender's pipeline; all zero before start. */
    public PipelineStats.Snapshot getStats() {
        LogPipeline p = pipeline;
        return p == null ? null : p.stats();
    }

    // ---- fields ------------------------------------------------------------------------------

    /** {@code k=v,k=v}; may be repeated as several {@code <identity>} elements. */
    public void addIdentity(String identity) {
        options.append("identity", identity);
    }

    public void setFields(String fields) {
        options.set("fields", fields);
    }

    public void setBuiltinFieldsPrefix(String prefix) {
        options.set("builtinFieldsPrefix", prefix);
    }

    public void setBuiltinFieldsSuffix(String suffix) {
        options.set("builtinFieldsSuffix", suffix);
    }

    public void setIncludeCallerData(String include) {
        options.set("includeCallerData", include);
    }

    public void setMaxMessageLength(String length) {
        options.set("maxMessageLength", length);
    }

    public void setMaxStackTraceLength(String length) {
        options.set("maxStackTraceLength", length);
    }

    public void setMaxValueLength(String length) {
        options.set("maxValueLength", length);
    }

    public void setMaxEntries(String count) {
        options.set("maxEntries", count);
    }

    public void setExtractJson(String value) {
        options.set("extractJson", value);
    }

    public void setExtractJsonDropMessage(String value) {
        options.set("extractJsonDropMessage", value);
    }

    public void setExtractJsonPrefix(String value) {
        options.set("extractJsonPrefix", value);
    }

    public void setExtractJsonSuffix(String value) {
        options.set("extractJsonSuffix", value);
    }

    public void setExtractKv(String value) {
        options.set("extractKv", value);
    }

    public void setExtractKvDropMessage(String value) {
        options.set("extractKvDropMessage", value);
    }

    public void setExtractKvPrefix(String value) {
        options.set("extractKvPrefix", value);
    }

    public void setExtractKvSuffix(String value) {
        options.set("extractKvSuffix", value);
    }

    /** A regular expression such as {@code (?:=|:)}; default {@code =}. */
    public void setExtractKvSeparator(String value) {
        options.set("extractKvSeparator", value);
    }

    /** A window such as {@code 1s}; {@code off} (the default) or {@code 0} turns collapsing off. */
    public void setCollapseRepeats(String value) {
        options.set("collapseRepeats", value);
    }

    // ---- pipeline ----------------------------------------------------------------------------

    public void setQueueSize(String size) {
        options.set("queueSize", size);
    }

    public void setMaxQueueBytes(String bytes) {
        options.set("maxQueueBytes", bytes);
    }

    public void setOverflow(String overflow) {
        options.set("overflow", overflow);
    }

    public void setMaxBlock(String duration) {
        options.set("maxBlock", duration);
    }

    /** Percent of the queue kept for {@code overflowReserveLevel} and above; default 10, {@code 0} turns it off. */
    public void setOverflowReserve(String percent) {
        options.set("overflowReserve", percent);
    }

    /** {@code trace}, {@code debug}, {@code info}, {@code warn} (the default) or {@code error}. */
    public void setOverflowReserveLevel(String level) {
        options.set("overflowReserveLevel", level);
    }

    public void setBatchSize(String size) {
        options.set("batchSize", size);
    }

    public void setBatchBytes(String bytes) {
        options.set("batchBytes", bytes);
    }

    public void setMaxInFlight(String batches) {
        options.set("maxInFlight", batches);
    }

    public void setLinger(String duration) {
        options.set("linger", duration);
    }

    public void setMaxRetries(String retries) {
        options.set("maxRetries", retries);
    }

    public void setRetryBackoff(String duration) {
        options.set("retryBackoff", duration);
    }

    public void setMaxRetryBackoff(String duration) {
        options.set("maxRetryBackoff", duration);
    }

    public void setCloseTimeout(String duration) {
        options.set("closeTimeout", duration);
    }

    public void setStatusInterval(String duration) {
        options.set("statusInterval", duration);
    }
}
