package dev.sluice.logback;

import dev.sluice.transport.TransportFactory;

import dev.sluice.transport.rabbitmq.RabbitMqTransport;

/**
 * Ships Logback events to a RabbitMQ exchange as Logstash-compatible JSON.
 *
 * <pre>{@code
 * <appender name="RABBIT" class="dev.sluice.logback.RabbitMqAppender">
 *   <uri>amqp://guest:guest@localhost:5672</uri>
 *   <exchange>logs</exchange>
 *   <identity>project=shop,application=backend</identity>
 *   <routingKey>{application}.{level}</routingKey>
 * </appender>
 * }</pre>
 */
public class RabbitMqAppender extends SluiceAppenderBase {

    @Override
    protected TransportFactory transportFactory() {
        String appenderName = getName() == null ? "rabbitmq" : getName();
        return RabbitMqTransport.factory(appenderName, new LogbackStatusSink(this));
    }

    public void setUri(String uri) {
        options.set("uri", uri);
    }

    public void setAddresses(String addresses) {
        options.set("addresses", addresses);
    }

    public void setUsername(String username) {
        options.set("username", username);
    }

    public void setPassword(String password) {
        options.set("password", password);
    }

    public void setVirtualHost(String virtualHost) {
        options.set("virtualHost", virtualHost);
    }

    public void setExchange(String exchange) {
        options.set("exchange", exchange);
    }

    public void setExchangeType(String exchangeType) {
        options.set("exchangeType", exchangeType);
    }

    public void setDeclareExchange(String declare) {
        options.set("declareExchange", declare);
    }

    public void setDurable(String durable) {
        options.set("durable", durable);
    }

    public void setRoutingKey(String routingKey) {
        options.set("routingKey", routingKey);
    }

    public void setPersistent(String persistent) {
        options.set("persistent", persistent);
    }

    public void setPublisherConfirms(String confirms) {
        options.set("publisherConfirms", confirms);
    }

    public void setFormat(String format) {
        options.set("format", format);
    }

    public void setConnectionName(String connectionName) {
        options.set("connectionName", connectionName);
    }

    public void setAppId(String appId) {
        options.set("appId", appId);
    }

    public void setConnectTimeout(String duration) {
        options.set("connectTimeout", duration);
    }

    public void setConfirmTimeout(String duration) {
        options.set("confirmTimeout", duration);
    }

    public void setTls(String tls) {
        options.set("tls", tls);
    }

    public void setTrustStore(String path) {
        options.set("trustStore", path);
    }

    public void setTrustStorePassword(String password) {
        options.set("trustStorePassword", password);
    }

    public void setTrustStoreType(String type) {
        options.set("trustStoreType", type);
    }

    public void setKeyStore(String path) {
        options.set("keyStore", path);
    }

    public void setKeyStorePassword(String password) {
        options.set("keyStorePassword", password);
    }

    public void setKeyStoreType(String type) {
        options.set("keyStoreType", type);
    }

    public void setVerifyHostname(String verify) {
        options.set("verifyHostname", verify);
    }
}
