package dev.sluice.transport.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import dev.sluice.encode.EncodedEvent;
import dev.sluice.encode.EventEncoder;
import dev.sluice.encode.JsonEncoder;
import dev.sluice.fields.FieldComposer;
import dev.sluice.pipeline.Batch;
import dev.sluice.pipeline.PipelineAssembly;
import dev.sluice.pipeline.SluiceThread;
import dev.sluice.pipeline.StatusSink;
import dev.sluice.config.Backend;
import dev.sluice.config.OptionReader;
import dev.sluice.fields.FieldOptions;
import dev.sluice.transport.Transport;
import dev.sluice.transport.TransportException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Publishes batches to a RabbitMQ exchange with amqp-client. With publisher confirms on (the
 * default) a batch counts as sent only once the broker confirmed every message of it; a nack or a
 * confirm timeout fails the attempt so that the dispatcher retries it (at-least-once).
 * Connection and topology recovery are amqp-client's automatic recovery.
 */
public final class RabbitMqTransport implements Transport {
    private static final String JSON = "application/json";
    private static final String JSON_LINES = "application/x-ndjson";

    private final RabbitMqOptions options;
    private final StatusSink status;
    private final ConnectionFactory factory;
    private Connection connection;
    private Channel channel;
    private boolean tlsConfigured;

    /**
     * The factory every adapter hands to {@link PipelineAssembly}: reads the RabbitMQ options, with
     * the identity's {@code application} (or "sluice") as the default app-id.
     */
    public static PipelineAssembly.TransportFactory factory(String appenderName, StatusSink status) {
        return new PipelineAssembly.TransportFactory() {
            @Override
            public Transport create(OptionReader reader, FieldOptions fields) {
                String application = fields.identity().get("application");
                RabbitMqOptions rabbit = RabbitMqOptions.read(reader, appenderName,
                        application == null ? "sluice" : application);
                return new RabbitMqTransport(rabbit, appenderName, status);
            }

            @Override
            public Backend backend() {
                return Backend.RABBITMQ;
            }
        };
    }

    public RabbitMqTransport(RabbitMqOptions options, String appenderName, StatusSink status) {
        this.options = options;
        this.status = status;
        this.factory = new ConnectionFactory();
        factory.setUsername(options.username());
        factory.setPassword(options.password());
        factory.setVirtualHost(options.virtualHost());
        factory.setConnectionTimeout((int) options.connectTimeout().toMillis());
        factory.setHandshakeTimeout((int) Math.max(options.connectTimeout().toMillis(), 10_000));
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(2_000);
        // Bounds every channel RPC, including the close-ok that aborting a channel waits for: with
        // amqp-client's default (10 minutes) a lost confirm would stall the sender that long.
        factory.setChannelRpcTimeout((int) Math.max(options.connectTimeout().toMillis(), options.confirmTimeout().toMillis()));
        // amqp-client's threads become Sluice threads: what the library logs on them never loops back.
        factory.setThreadFactory(SluiceThread.factory("sluice-" + appenderName + "-amqp"));
    }

    @Override
    public EventEncoder encoder(FieldComposer composer) {
        JsonEncoder json = new JsonEncoder(composer.timestampFieldName());
        RoutingKeyTemplate keys = new RoutingKeyTemplate(options.routingKey(), composer);
        return record -> new EncodedEvent(json.encode(record), record.epochMilli(), record.level(),
                record.loggerName(), keys.render(record));
    }

    @Override
    public String describe() {
        return "RabbitMQ " + options.describe();
    }

    @Override
    public void connect() throws TransportException {
        channel();
    }

    private Channel channel() throws TransportException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        if (connection == null) {
            connection = openConnection();
        }
        if (!connection.isOpen()) {
            throw new TransportException("Connection to " + describe() + " is down; waiting for automatic recovery", true);
        }
        try {
            Channel ch = connection.createChannel();
            if (options.publisherConfirms()) {
                ch.confirmSelect();
            }
            if (options.declareExchange()) {
                ch.exchangeDeclare(options.exchange(), options.exchangeType(), options.durable());
            }
            channel = ch;
            return ch;
        } catch (IOException | ShutdownSignalException e) {
            throw new TransportException("Could not open a channel on " + describe() + ": " + reason(e), true, null);
        }
    }

    private Connection openConnection() throws TransportException {
        try {
            if (options.tls() && !tlsConfigured) {
                // Not useSslProtocol(context): it always turns hostname verification on, and each
                // call chains another socket configurator. Configured once, on first connect.
                factory.setSocketFactory(options.tlsOptions().createContext().getSocketFactory());
                if (options.tlsOptions().verifyHostname()) {
                    factory.enableHostnameVerification();
                }
                tlsConfigured = true;
            }
            Connection c = factory.newConnection(options.addresses(), options.connectionName());
            if (c instanceof Recoverable) {
                ((Recoverable) c).addRecoveryListener(new RecoveryListener() {
                    @Override
                    public void handleRecovery(Recoverable recoverable) {
                        status.info("Connection to " + describe() + " recovered");
                    }

                    @Override
                    public void handleRecoveryStarted(Recoverable recoverable) {
                        status.warn("Connection to " + describe() + " lost; recovering automatically", null);
                    }
                });
            }
            return c;
        } catch (PossibleAuthenticationFailureException e) {
            throw new TransportException("RabbitMQ refused the login: " + describe() + ": " + reason(e)
                    + " (check username, password and virtual host)", true, null);
        } catch (UnknownHostException e) {
            throw new TransportException("Could not connect to " + describe() + ": unknown host " + e.getMessage(), true, null);
        } catch (ConnectException | SocketTimeoutException e) {
            throw new TransportException("Could not connect to " + describe() + ": " + e.getMessage(), true, null);
        } catch (GeneralSecurityException e) {
            throw new TransportException("TLS set-up failed for " + describe() + ": " + e.getMessage(), true, null);
        } catch (IOException | TimeoutException | RuntimeException e) {
            throw new TransportException("Could not connect to " + describe() + ": " + reason(e), true, null);
        }
    }

    @Override
    public void send(Batch batch) throws TransportException {
        Channel ch = channel();
        try {
            if (options.format() == RabbitMqOptions.Format.JSON_LINES) {
                publishLines(ch, batch.events());
            } else {
                for (EncodedEvent e : batch.events()) {
                    ch.basicPublish(options.exchange(), e.key(), false, properties(e, JSON), e.body());
                }
            }
            if (options.publisherConfirms() && !ch.waitForConfirms(options.confirmTimeout().toMillis())) {
                resetChannel();
                throw new TransportException("RabbitMQ nacked part of a batch on " + describe(), true);
            }
        } catch (TimeoutException e) {
            resetChannel();
            throw new TransportException("No publisher confirm from " + describe() + " within "
                    + options.confirmTimeout().toMillis() + " ms", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resetChannel();
            throw new TransportException("Interrupted while waiting for confirms from " + describe(), true);
        } catch (IOException | ShutdownSignalException e) {
            resetChannel();
            throw new TransportException("Publishing to " + describe() + " failed: " + reason(e), true, null);
        }
    }

    private void publishLines(Channel ch, List<EncodedEvent> events) throws IOException {
        Map<String, java.io.ByteArrayOutputStream> byKey = new LinkedHashMap<>();
        for (EncodedEvent e : events) {
            java.io.ByteArrayOutputStream out = byKey.computeIfAbsent(e.key(), k -> new java.io.ByteArrayOutputStream(64 * 1024));
            out.write(e.body(), 0, e.body().length);
            out.write('\n');
        }
        EncodedEvent first = events.get(0);
        for (Map.Entry<String, java.io.ByteArrayOutputStream> group : byKey.entrySet()) {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .contentType(JSON_LINES)
                    .contentEncoding("utf-8")
                    .deliveryMode(options.persistent() ? 2 : 1)
                    .appId(options.appId())
                    .timestamp(new Date(first.epochMilli()))
                    .build();
            ch.basicPublish(options.exchange(), group.getKey(), false, props, group.getValue().toByteArray());
        }
    }

    private AMQP.BasicProperties properties(EncodedEvent e, String contentType) {
        return new AMQP.BasicProperties.Builder()
                .contentType(contentType)
                .contentEncoding("utf-8")
                .deliveryMode(options.persistent() ? 2 : 1)
                .appId(options.appId())
                .timestamp(new Date(e.epochMilli()))
                .headers(Map.of("level", e.level(), "logger", e.loggerName()))
                .build();
    }

    private void resetChannel() {
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            // Even when already closed: abort() also unregisters it, so recovery won't reopen it.
            try {
                ch.abort();
            } catch (IOException | RuntimeException ignored) {
                // The channel is being discarded; nothing to add.
            }
        }
    }

    /** A short, secret-free reason: the broker's reply text when there is one. */
    static String reason(Throwable e) {
        Throwable t = e;
        for (int i = 0; i < 5 && t != null; i++) {
            if (t instanceof ShutdownSignalException) {
                Object reason = ((ShutdownSignalException) t).getReason();
                if (reason instanceof AMQP.Channel.Close) {
                    return ((AMQP.Channel.Close) reason).getReplyText();
                }
                if (reason instanceof AMQP.Connection.Close) {
                    return ((AMQP.Connection.Close) reason).getReplyText();
                }
            }
            if (t.getCause() == null || t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        String message = t == null ? null : t.getMessage();
        return (t == null ? e : t).getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        resetChannel();
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.abort(2_000);
            } catch (RuntimeException ignored) {
                // Closing on shutdown; the broker will notice.
            }
        }
    }
}
