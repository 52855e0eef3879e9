package dev.sluice.log4j2;

import dev.sluice.transport.TransportFactory;
import dev.sluice.config.Options;

import dev.sluice.transport.rabbitmq.RabbitMqTransport;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;

/**
 * {@code <SluiceRabbitMq>}: ships Log4j2 events to a RabbitMQ exchange as Logstash-compatible JSON.
 *
 * <pre>{@code
 * <SluiceRabbitMq name="rabbit" uri="amqp://guest:guest@localhost:5672" exchange="logs"
 *                 routingKey="{application}.{level}">
 *   <Identity>project=shop,application=backend</Identity>
 * </SluiceRabbitMq>
 * }</pre>
 */
@Plugin(name = SluiceRabbitMqAppender.PLUGIN_NAME, category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE,
        printObject = true)
public final class SluiceRabbitMqAppender extends SluiceAppenderBase {
    static final String PLUGIN_NAME = "SluiceRabbitMq";

    private SluiceRabbitMqAppender(String name, Filter filter, boolean ignoreExceptions, Property[] properties,
                                   PipelineManager manager) {
        super(name, filter, ignoreExceptions, properties, manager);
    }

    @PluginBuilderFactory
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The RabbitMQ options of the configuration reference, as attributes of the same names. */
    public static final class Builder extends SluiceAppenderBase.Builder<Builder>
            implements org.apache.logging.log4j.core.util.Builder<SluiceRabbitMqAppender> {
        @PluginBuilderAttribute(sensitive = true)
        private String uri;
        // Masked in Log4j2's configuration dump too: users paste amqp URIs (with a password) here.
        @PluginBuilderAttribute(sensitive = true)
        private String addresses;
        @PluginBuilderAttribute
        private String username;
        @PluginBuilderAttribute(sensitive = true)
        private String password;
        @PluginBuilderAttribute
        private String virtualHost;
        @PluginBuilderAttribute
        private String exchange;
        @PluginBuilderAttribute
        private String exchangeType;
        @PluginBuilderAttribute
        private String declareExchange;
        @PluginBuilderAttribute
        private String durable;
        @PluginBuilderAttribute
        private String routingKey;
        @PluginBuilderAttribute
        private String persistent;
        @PluginBuilderAttribute
        private String publisherConfirms;
        @PluginBuilderAttribute
        private String confirmTimeout;
        @PluginBuilderAttribute
        private String format;
        @PluginBuilderAttribute
        private String connectionName;
        @PluginBuilderAttribute
        private String appId;
        @PluginBuilderAttribute
        private String connectTimeout;
        @PluginBuilderAttribute
        private String tls;
        @PluginBuilderAttribute
        private String trustStore;
        @PluginBuilderAttribute(sensitive = true)
        private String trustStorePassword;
        @PluginBuilderAttribute
        private String trustStoreType;
        @PluginBuilderAttribute
        private String keyStore;
        @PluginBuilderAttribute(sensitive = true)
        private String keyStorePassword;
        @PluginBuilderAttribute
        private String keyStoreType;
        @PluginBuilderAttribute
        private String verifyHostname;

        // Public setters: Log4j2's convention for builders, for configuration in code.
        public Builder setUri(String uri) {
            this.uri = uri;
            return this;
        }

        public Builder setAddresses(String addresses) {
            this.addresses = addresses;
            return this;
        }

        public Builder setUsername(String username) {
            this.username = username;
            return this;
        }

        public Builder setPassword(String password) {
            this.password = password;
            return this;
        }

        public Builder setVirtualHost(String virtualHost) {
            this.virtualHost = virtualHost;
            return this;
        }

        public Builder setExchange(String exchange) {
            this.exchange = exchange;
            return this;
        }

        public Builder setExchangeType(String exchangeType) {
            this.exchangeType = exchangeType;
            return this;
        }

        public Builder setDeclareExchange(String declareExchange) {
            this.declareExchange = declareExchange;
            return this;
        }

        public Builder setDurable(String durable) {
            this.durable = durable;
            return this;
        }

        public Builder setRoutingKey(String routingKey) {
            this.routingKey = routingKey;
            return this;
        }

        public Builder setPersistent(String persistent) {
            this.persistent = persistent;
            return this;
        }

        public Builder setPublisherConfirms(String publisherConfirms) {
            this.publisherConfirms = publisherConfirms;
            return this;
        }

        public Builder setConfirmTimeout(String confirmTimeout) {
            this.confirmTimeout = confirmTimeout;
            return this;
        }

        public Builder setFormat(String format) {
            this.format = format;
            return this;
        }

        public Builder setConnectionName(String connectionName) {
            this.connectionName = connectionName;
            return this;
        }

        public Builder setAppId(String appId) {
            this.appId = appId;
            return this;
        }

        public Builder setConnectTimeout(String connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder setTls(String tls) {
            this.tls = tls;
            return this;
        }

        public Builder setTrustStore(String trustStore) {
            this.trustStore = trustStore;
            return this;
        }

        public Builder setTrustStorePassword(String trustStorePassword) {
            this.trustStorePassword = trustStorePassword;
            return this;
        }

        public Builder setTrustStoreType(String trustStoreType) {
            this.trustStoreType = trustStoreType;
            return this;
        }

        public Builder setKeyStore(String keyStore) {
            this.keyStore = keyStore;
            return this;
        }

        public Builder setKeyStorePassword(String keyStorePassword) {
            this.keyStorePassword = keyStorePassword;
            return this;
        }

        public Builder setKeyStoreType(String keyStoreType) {
            this.keyStoreType = keyStoreType;
            return this;
        }

        public Builder setVerifyHostname(String verifyHostname) {
            this.verifyHostname = verifyHostname;
            return this;
        }

        @Override
        protected String pluginName() {
            return PLUGIN_NAME;
        }

        @Override
        protected TransportFactory transportFactory(String appenderName) {
            return RabbitMqTransport.factory(appenderName, Log4j2StatusSink.INSTANCE);
        }

        /** @return the appender, or null (Log4j2 then leaves it out) when the options have errors */
        @Override
        public SluiceRabbitMqAppender build() {
            Options options = options();
            PipelineManager manager = manager(options);
            return manager == null ? null : new SluiceRabbitMqAppender(getName(), getFilter(), isIgnoreExceptions(),
                    getPropertyArray(), manager);
        }
    }
}
