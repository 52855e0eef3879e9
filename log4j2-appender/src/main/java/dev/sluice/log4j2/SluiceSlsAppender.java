package dev.sluice.log4j2;

import dev.sluice.transport.TransportFactory;
import dev.sluice.config.Options;

import dev.sluice.transport.sls.SlsTransport;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;

/**
 * {@code <SluiceSls>}: ships Log4j2 events to an SLS-compatible PutLogs endpoint.
 *
 * <pre>{@code
 * <SluiceSls name="sls" endpoint="https://cn-hangzhou.log.aliyuncs.com" project="shop" logstore="backend"
 *            accessKeyId="${env:SLS_AK_ID}" accessKeySecret="${env:SLS_AK_SECRET}"/>
 * }</pre>
 */
@Plugin(name = SluiceSlsAppender.PLUGIN_NAME, category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE,
        printObject = true)
public final class SluiceSlsAppender extends SluiceAppenderBase {
    static final String PLUGIN_NAME = "SluiceSls";

    private SluiceSlsAppender(String name, Filter filter, boolean ignoreExceptions, Property[] properties,
                              PipelineManager manager) {
        super(name, filter, ignoreExceptions, properties, manager);
    }

    @PluginBuilderFactory
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The SLS options of the configuration reference, as attributes of the same names. */
    public static final class Builder extends SluiceAppenderBase.Builder<Builder>
            implements org.apache.logging.log4j.core.util.Builder<SluiceSlsAppender> {
        @PluginBuilderAttribute
        private String endpoint;
        @PluginBuilderAttribute
        private String project;
        @PluginBuilderAttribute
        private String logstore;
        @PluginBuilderAttribute
        private String accessKeyId;
        @PluginBuilderAttribute(sensitive = true)
        private String accessKeySecret;
        @PluginBuilderAttribute(sensitive = true)
        private String securityToken;
        @PluginBuilderAttribute
        private String topic;
        @PluginBuilderAttribute
        private String source;
        @PluginBuilderAttribute
        private String tags;
        @PluginBuilderAttribute
        private String compression;
        @PluginBuilderAttribute
        private String connectTimeout;
        @PluginBuilderAttribute
        private String requestTimeout;

        // Public setters: Log4j2's convention for builders, for configuration in code.
        public Builder setEndpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder setProject(String project) {
            this.project = project;
            return this;
        }

        public Builder setLogstore(String logstore) {
            this.logstore = logstore;
            return this;
        }

        public Builder setAccessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
            return this;
        }

        public Builder setAccessKeySecret(String accessKeySecret) {
            this.accessKeySecret = accessKeySecret;
            return this;
        }

        public Builder setSecurityToken(String securityToken) {
            this.securityToken = securityToken;
            return this;
        }

        public Builder setTopic(String topic) {
            this.topic = topic;
            return this;
        }

        public Builder setSource(String source) {
            this.source = source;
            return this;
        }

        public Builder setTags(String tags) {
            this.tags = tags;
            return this;
        }

        public Builder setCompression(String compression) {
            this.compression = compression;
            return this;
        }

        public Builder setConnectTimeout(String connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder setRequestTimeout(String requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        @Override
        protected String pluginName() {
            return PLUGIN_NAME;
        }

        @Override
        protected TransportFactory transportFactory(String appenderName) {
            return SlsTransport.factory(appenderName, Log4j2StatusSink.INSTANCE);
        }

        /** @return the appender, or null (Log4j2 then leaves it out) when the options have errors */
        @Override
        public SluiceSlsAppender build() {
            Options options = options();
            PipelineManager manager = manager(options);
            return manager == null ? null : new SluiceSlsAppender(getName(), getFilter(), isIgnoreExceptions(),
                    getPropertyArray(), manager);
        }
    }
}
