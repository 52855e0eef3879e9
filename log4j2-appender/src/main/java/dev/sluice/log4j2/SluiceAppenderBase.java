package dev.sluice.log4j2;

import dev.sluice.transport.TransportFactory;
import dev.sluice.config.Options;
import dev.sluice.pipeline.LogPipeline;

import dev.sluice.pipeline.PipelineStats;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.AppenderLoggingException;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginElement;
import org.apache.logging.log4j.core.impl.LocationAware;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every Sluice Log4j2 appender shares: the never-throwing append that snapshots the event on
 * the calling thread, the pipeline held by a {@link PipelineManager}, and (in {@link Builder}) the
 * field and pipeline attributes under their canonical option names.
 *
 * <p>{@code ignoreExceptions="false"} makes a log call throw {@link AppenderLoggingException} only
 * when the event is lost for a reason other than the configured overflow policy: the pipeline is
 * already stopped, or the event could not be read. Drops by a full queue are counted and reported,
 * never thrown.
 */
public abstract class SluiceAppenderBase extends AbstractAppender implements LocationAware {
    private final PipelineManager manager;
    private final boolean includeCallerData;
    private final AtomicBoolean released = new AtomicBoolean();

    protected SluiceAppenderBase(String name, Filter filter, boolean ignoreExceptions, Property[] properties,
                                 PipelineManager manager) {
        super(name, filter, null, ignoreExceptions, properties);
        this.manager = manager;
        this.includeCallerData = manager.pipeline().capturesCallerData();
    }

    @Override
    public void append(LogEvent event) {
        EventForwarder.Outcome outcome = EventForwarder.forward(manager.pipeline(), event, includeCallerData);
        if (ignoreExceptions()) {
            return;
        }
        if (outcome.unreadable() != null) {
            throw new AppenderLoggingException("Sluice appender '" + getName() + "' could not read an event",
                    outcome.unreadable());
        }
        if (outcome == EventForwarder.Outcome.NOT_QUEUED && manager.pipeline().isStopped()) {
            throw new AppenderLoggingException("Sluice appender '" + getName() + "' is stopped; event dropped");
        }
    }

    /** Async loggers capture the caller's location only for appenders that ask for it. */
    @Override
    public boolean requiresLocation() {
        return includeCallerData;
    }

    @Override
    public boolean stop(long timeout, TimeUnit timeUnit) {
        setStopping();
        boolean stopped = super.stop(timeout, timeUnit, false);
        // Once only: the manager is shared with the same appender of other configurations.
        if (released.compareAndSet(false, true)) {
            stopped &= manager.stop(timeout, timeUnit);
        }
        setStopped();
        return stopped;
    }

    /** Counters of this appender's pipeline (shared with the same unchanged appender across reconfigurations). */
    public PipelineStats.Snapshot getStats() {
        return manager.pipeline().stats();
    }

    /** The pipeline behind this appender (shared by the same unchanged appender of other configurations). */
    LogPipeline pipeline() {
        return manager.pipeline();
    }

    /** Name and state only: options may hold secrets. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[name=" + getName() + ", state=" + getState() + "]";
    }

    /**
     * The attributes every Sluice appender accepts. Each {@code String} field annotated with
     * {@link PluginBuilderAttribute}, here and in subclasses, is an option under the field's name:
     * the attribute names are exactly the option names of the configuration reference, and core
     * parses, defaults and validates the values.
     */
    public abstract static class Builder<B extends Builder<B>> extends AbstractAppender.Builder<B> {
        @PluginBuilderAttribute
        private String identity;
        @PluginElement("Identity")
        private IdentityElement[] identities;

        @PluginBuilderAttribute
        private String fields;
        @PluginBuilderAttribute
        private String builtinFieldsPrefix;
        @PluginBuilderAttribute
        private String builtinFieldsSuffix;
        @PluginBuilderAttribute
        private String includeCallerData;
        @PluginBuilderAttribute
        private String maxMessageLength;
        @PluginBuilderAttribute
        private String maxStackTraceLength;
        @PluginBuilderAttribute
        private String maxValueLength;
        @PluginBuilderAttribute
        private String maxEntries;
        @PluginBuilderAttribute
        private String extractJson;
        @PluginBuilderAttribute
        private String extractJsonDropMessage;
        @PluginBuilderAttribute
        private String extractJsonPrefix;
        @PluginBuilderAttribute
        private String extractJsonSuffix;
        @PluginBuilderAttribute
        private String extractKv;
        @PluginBuilderAttribute
        private String extractKvDropMessage;
        @PluginBuilderAttribute
        private String extractKvPrefix;
        @PluginBuilderAttribute
        private String extractKvSuffix;
        @PluginBuilderAttribute
        private String extractKvSeparator;
        @PluginBuilderAttribute
        private String collapseRepeats;

        @PluginBuilderAttribute
        private String queueSize;
        @PluginBuilderAttribute
        private String maxQueueBytes;
        @PluginBuilderAttribute
        private String overflow;
        @PluginBuilderAttribute
        private String maxBlock;
        @PluginBuilderAttribute
        private String overflowReserve;
        @PluginBuilderAttribute
        private String overflowReserveLevel;
        @PluginBuilderAttribute
        private String batchSize;
        @PluginBuilderAttribute
        private String batchBytes;
        @PluginBuilderAttribute
        private String maxInFlight;
        @PluginBuilderAttribute
        private String linger;
        @PluginBuilderAttribute
        private String maxRetries;
        @PluginBuilderAttribute
        private String retryBackoff;
        @PluginBuilderAttribute
        private String maxRetryBackoff;
        @PluginBuilderAttribute
        private String closeTimeout;
        @PluginBuilderAttribute
        private String statusInterval;

        private final Options programmatic = new Options();
        private final List<String> addedIdentities = new ArrayList<>();

        // Public setters: Log4j2's convention for builders, for configuration in code.
        public B setIdentity(String identity) {
            this.identity = identity;
            return asBuilder();
        }

        public B setFields(String fields) {
            this.fields = fields;
            return asBuilder();
        }

        public B setBuiltinFieldsPrefix(String builtinFieldsPrefix) {
            this.builtinFieldsPrefix = builtinFieldsPrefix;
            return asBuilder();
        }

        public B setBuiltinFieldsSuffix(String builtinFieldsSuffix) {
            this.builtinFieldsSuffix = builtinFieldsSuffix;
            return asBuilder();
        }

        public B setIncludeCallerData(String includeCallerData) {
            this.includeCallerData = includeCallerData;
            return asBuilder();
        }

        public B setMaxMessageLength(String maxMessageLength) {
            this.maxMessageLength = maxMessageLength;
            return asBuilder();
        }

        public B setMaxStackTraceLength(String maxStackTraceLength) {
            this.maxStackTraceLength = maxStackTraceLength;
            return asBuilder();
        }

        public B setMaxValueLength(String maxValueLength) {
            this.maxValueLength = maxValueLength;
            return asBuilder();
        }

        public B setMaxEntries(String maxEntries) {
            this.maxEntries = maxEntries;
            return asBuilder();
        }

        public B setExtractJson(String extractJson) {
            this.extractJson = extractJson;
            return asBuilder();
        }

        public B setExtractJsonDropMessage(String extractJsonDropMessage) {
            this.extractJsonDropMessage = extractJsonDropMessage;
            return asBuilder();
        }

        public B setExtractJsonPrefix(String extractJsonPrefix) {
            this.extractJsonPrefix = extractJsonPrefix;
            return asBuilder();
        }

        public B setExtractJsonSuffix(String extractJsonSuffix) {
            this.extractJsonSuffix = extractJsonSuffix;
            return asBuilder();
        }

        public B setExtractKv(String extractKv) {
            this.extractKv = extractKv;
            return asBuilder();
        }

        public B setExtractKvDropMessage(String extractKvDropMessage) {
            this.extractKvDropMessage = extractKvDropMessage;
            return asBuilder();
        }

        public B setExtractKvPrefix(String extractKvPrefix) {
            this.extractKvPrefix = extractKvPrefix;
            return asBuilder();
        }

        public B setExtractKvSuffix(String extractKvSuffix) {
            this.extractKvSuffix = extractKvSuffix;
            return asBuilder();
        }

        public B setExtractKvSeparator(String extractKvSeparator) {
            this.extractKvSeparator = extractKvSeparator;
            return asBuilder();
        }

        public B setCollapseRepeats(String collapseRepeats) {
            this.collapseRepeats = collapseRepeats;
            return asBuilder();
        }

        public B setQueueSize(String queueSize) {
            this.queueSize = queueSize;
            return asBuilder();
        }

        public B setMaxQueueBytes(String maxQueueBytes) {
            this.maxQueueBytes = maxQueueBytes;
            return asBuilder();
        }

        public B setOverflow(String overflow) {
            this.overflow = overflow;
            return asBuilder();
        }

        public B setMaxBlock(String maxBlock) {
            this.maxBlock = maxBlock;
            return asBuilder();
        }

        public B setOverflowReserve(String overflowReserve) {
            this.overflowReserve = overflowReserve;
            return asBuilder();
        }

        public B setOverflowReserveLevel(String overflowReserveLevel) {
            this.overflowReserveLevel = overflowReserveLevel;
            return asBuilder();
        }

        public B setBatchSize(String batchSize) {
            this.batchSize = batchSize;
            return asBuilder();
        }

        public B setBatchBytes(String batchBytes) {
            this.batchBytes = batchBytes;
            return asBuilder();
        }

        public B setMaxInFlight(String maxInFlight) {
            this.maxInFlight = maxInFlight;
            return asBuilder();
        }

        public B setLinger(String linger) {
            this.linger = linger;
            return asBuilder();
        }

        public B setMaxRetries(String maxRetries) {
            this.maxRetries = maxRetries;
            return asBuilder();
        }

        public B setRetryBackoff(String retryBackoff) {
            this.retryBackoff = retryBackoff;
            return asBuilder();
        }

        public B setMaxRetryBackoff(String maxRetryBackoff) {
            this.maxRetryBackoff = maxRetryBackoff;
            return asBuilder();
        }

        public B setCloseTimeout(String closeTimeout) {
            this.closeTimeout = closeTimeout;
            return asBuilder();
        }

        public B setStatusInterval(String statusInterval) {
            this.statusInterval = statusInterval;
            return asBuilder();
        }

        /** Sets any option by its canonical name, for configuration in code. */
        public B setOption(String name, String value) {
            programmatic.set(name, value);
            return asBuilder();
        }

        /** Adds identity fields ({@code k=v,k=v}), like a nested {@code <Identity>} element. */
        public B addIdentity(String keyValues) {
            addedIdentities.add(keyValues);
            return asBuilder();
        }

        /** The plugin's element name, e.g. "SluiceRabbitMq"; part of the manager key. */
        protected abstract String pluginName();

        protected abstract TransportFactory transportFactory(String appenderName);

        /** Every option given, under canonical names: attributes, then nested identities, then code. */
        protected final Options options() {
            Options options = new Options();
            for (Class<?> c = getClass(); c != null && Builder.class.isAssignableFrom(c); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    PluginBuilderAttribute attribute = f.getAnnotation(PluginBuilderAttribute.class);
                    if (attribute != null && f.getType() == String.class) {
                        String option = attribute.value().isEmpty() ? f.getName() : attribute.value();
                        options.set(option, read(f));
                    }
                }
            }
            if (identities != null) {
                for (IdentityElement element : identities) {
                    if (element != null) {
                        options.append("identity", element.value());
                    }
                }
            }
            for (String added : addedIdentities) {
                options.append("identity", added);
            }
            for (String name : programmatic.names()) {
                if (name.equals("identity")) {
                    options.append(name, programmatic.get(name));
                } else {
                    options.set(name, programmatic.get(name));
                }
            }
            return options;
        }

        private String read(Field f) {
            try {
                f.setAccessible(true);
                return (String) f.get(this);
            } catch (IllegalAccessException | RuntimeException e) {
                throw new IllegalStateException("cannot read attribute " + f.getName(), e);
            }
        }

        /**
         * Validates the options and obtains the shared pipeline manager.
         *
         * @return the manager, or null when the configuration has errors (each reported to the
         *         StatusLogger naming the option; Log4j2 then leaves the appender out)
         */
        protected final PipelineManager manager(Options options) {
            String appenderName = getName();
            return PipelineManager.obtain(pluginName(), appenderName, options,
                    getConfiguration() == null ? null : getConfiguration().getLoggerContext(),
                    transportFactory(appenderName));
        }
    }
}
