package dev.sluice.transport.rabbitmq;

import dev.sluice.transport.TransportFactory;
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
import dev.sluice.event.Texts;
import dev.sluice.transport.Batch;
import dev.sluice.transport.SendOutcome;
import dev.sluice.runtime.SluiceThread;
import dev.sluice.runtime.StatusSink;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Publishes batches to a RabbitMQ exchange with amqp-client. With publisher confirms on (the
 * default) an event counts as sent only once the broker acked its message; batches are published
 * back to back while earlier ones wait for their confirms (up to {@code maxInFlight}), and each is
 * reported when its last confirm arrives. A nack or a confirm timeout fails that batch so that the
 * pipeline retries it (at-least-once), and the retry republishes only the messages not acked. An event the protocol cannot carry (a routing key over
 * 255 bytes, headers over the frame size) is dropped on its own; the rest of its batch goes on.
 * Connection and topology recovery are amqp-client's automatic recovery.
 */
public final class RabbitMqTransport implements Transport {
    private static final String JSON = "application/json";
    private static final String JSON_LINES = "application/x-ndjson";
    /** AMQP short strings (the routing key) hold at most 255 bytes. */
    private static final int MAX_SHORT_STRING_BYTES = 255;
    /**
     * The {@code logger} header is cut to this many chars (the body keeps the full name), so that
     * the content header fits AMQP's smallest frame size (4096 bytes) whatever the logger name.
     */
    static final int MAX_LOGGER_HEADER_CHARS = 1000;

    private final RabbitMqOptions options;
    private final StatusSink status;
    private final ConnectionFactory factory;
    private Connection connection;
    private Channel channel;
    /** The confirms of {@link #channel}; null when publisher confirms are off or there is no channel. */
    private ConfirmWindow confirms;
    private boolean rejectionReported;
    private boolean tlsConfigured;

    /**
     * The factory every adapter hands to {@code PipelineAssembly}: reads the RabbitMQ options, with
     * the identity's {@code application} (or "sluice") as the default app-id.
     */
    public static TransportFactory factory(String appenderName, StatusSink status) {
        return new TransportFactory() {
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
        // The header's logger name is cut here, so that an absurdly long one never reaches amqp-client.
        return record -> new AmqpMessage(json.encode(record), record.epochMilli(), record.level(),
                Texts.truncate(record.loggerName(), MAX_LOGGER_HEADER_CHARS), keys.render(record));
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
        if (channel != null && channel.isOpen() && (confirms == null || confirms.closedBecause() == null)) {
            return channel;
        }
        if (channel != null) {
            resetChannel(); // closed, or recovered by amqp-client after its confirms were given up on
        }
        if (connection == null) {
            connection = openConnection();
        }
        if (!connection.isOpen()) {
            throw new TransportException("Connection to " + describe() + " is down; waiting for automatic recovery", true);
        }
        try {
            Channel ch = connection.createChannel();
            ConfirmWindow tracker = null;
            if (options.publisherConfirms()) {
                tracker = new ConfirmWindow(describe(), options.confirmTimeout().toNanos());
                ch.addConfirmListener(tracker);
                ch.addShutdownListener(tracker);
                ch.confirmSelect();
            }
            if (options.declareExchange()) {
                ch.exchangeDeclare(options.exchange(), options.exchangeType(), options.durable());
            }
            channel = ch;
            confirms = tracker;
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
    public int maxInFlight() {
        // Without confirms a batch is settled when published: nothing is ever in flight.
        return Integer.MAX_VALUE;
    }

    @Override
    public void send(Batch batch, SendOutcome outcome) {
        ConfirmWindow.Flight flight = null;
        try {
            Channel ch = channel();
            ConfirmWindow window = confirms;
            if (window != null) {
                flight = window.begin(batch, outcome);
            }
            if (options.format() == RabbitMqOptions.Format.JSON_LINES) {
                publishLines(batch, flight);
            } else {
                publishEach(batch, flight);
            }
            if (flight != null) {
                flight.window.published(flight); // reported when its last confirm arrives
            } else {
                outcome.completed(batch);
            }
        } catch (TransportException e) {
            fail(batch, outcome, flight, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(batch, outcome, flight, new TransportException("Interrupted while publishing to " + describe(), true));
        } catch (IOException | ShutdownSignalException e) {
            fail(batch, outcome, flight, new TransportException("Publishing to " + describe() + " failed: " + reason(e),
                    true, null));
        }
    }

    /**
     * Publishing failed part-way: the channel is discarded, which fails every batch waiting for its confirms
     * (this one included); what was acked stays delivered, the rest is retried.
     */
    private void fail(Batch batch, SendOutcome outcome, ConfirmWindow.Flight flight, TransportException e) {
        if (flight != null) {
            flight.window.failAll(e); // before the abort below reports them with a vaguer reason
        } else {
            outcome.failed(batch, e);
        }
        resetChannel();
    }

    /** A confirm overdue means the channel's confirms can no longer be trusted: fail what waits, start afresh. */
    @Override
    public void checkOverdue() {
        ConfirmWindow window = confirms;
        if (window != null && window.overdue(System.nanoTime())) {
            window.failAll(new TransportException("No publisher confirm from " + describe() + " within "
                    + options.confirmTimeout().toMillis() + " ms", true));
            resetChannel();
        }
    }

    /** One message per pending event; an event the protocol cannot carry is dropped on its own. */
    private void publishEach(Batch batch, ConfirmWindow.Flight flight)
            throws TransportException, IOException, InterruptedException {
        List<EncodedEvent> events = batch.events();
        for (int i = 0; i < events.size(); i++) {
            if (!batch.isPending(i)) {
                continue; // acked by an earlier attempt: never republished
            }
            AmqpMessage e = message(events, i);
            if (utf8Length(e.routingKey()) > MAX_SHORT_STRING_BYTES) {
                reject(batch, i, "its routing key is longer than AMQP's 255 bytes");
                continue;
            }
            Channel ch = channelOf(flight);
            long seq = ch.getNextPublishSeqNo();
            if (flight != null) {
                flight.window.expect(flight, seq, i); // before publishing: the confirm may come first
            }
            try {
                ch.basicPublish(options.exchange(), e.routingKey(), false, properties(e, JSON), e.body());
            } catch (IllegalArgumentException refused) {
                if (flight != null) {
                    flight.window.forget(seq);
                }
                reject(batch, i, reason(refused));
                // amqp-client refuses before writing a frame (headers over the frame size, a short string
                // too long), but the channel counted the publish, so its confirm numbers no longer match
                // the broker's. Rare: wait for what it published, then go on on a new channel.
                flight = renewChannel(flight);
                continue;
            }
            if (flight == null) {
                batch.delivered(i);
            }
        }
    }

    /** One message per routing key, each carrying its pending events as JSON lines. */
    private void publishLines(Batch batch, ConfirmWindow.Flight flight) throws TransportException, IOException {
        List<EncodedEvent> events = batch.events();
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (!batch.isPending(i)) {
                continue;
            }
            if (utf8Length(message(events, i).routingKey()) > MAX_SHORT_STRING_BYTES) {
                reject(batch, i, "its routing key is longer than AMQP's 255 bytes");
                continue;
            }
            byKey.computeIfAbsent(message(events, i).routingKey(), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> group : byKey.entrySet()) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64 * 1024);
            int[] indices = new int[group.getValue().size()];
            for (int n = 0; n < indices.length; n++) {
                indices[n] = group.getValue().get(n);
                byte[] body = events.get(indices[n]).body();
                out.write(body, 0, body.length);
                out.write('\n');
            }
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .contentType(JSON_LINES)
                    .contentEncoding("utf-8")
                    .deliveryMode(options.persistent() ? 2 : 1)
                    .appId(options.appId())
                    .timestamp(new Date(events.get(indices[0]).epochMilli()))
                    .build();
            Channel ch = channelOf(flight);
            if (flight != null) {
                flight.window.expect(flight, ch.getNextPublishSeqNo(), indices);
            }
            ch.basicPublish(options.exchange(), group.getKey(), false, props, out.toByteArray());
            if (flight == null) {
                for (int i : indices) {
                    batch.delivered(i);
                }
            }
        }
    }

    /** The channel a flight publishes on: its window's; a channel replaced meanwhile fails the flight. */
    private Channel channelOf(ConfirmWindow.Flight flight) throws TransportException {
        Channel ch = channel();
        if (flight != null && confirms != flight.window) {
            throw new TransportException("Publishing to " + describe() + " failed: the channel was replaced", true);
        }
        return ch;
    }

    /**
     * After a publish amqp-client refused: waits for the confirms of what the channel published (bounded by
     * confirmTimeout), then moves the flight to a new channel for the rest of its batch.
     */
    private ConfirmWindow.Flight renewChannel(ConfirmWindow.Flight flight) throws TransportException, InterruptedException {
        if (flight == null) {
            resetChannel();
            return null;
        }
        ConfirmWindow old = flight.window;
        if (!old.awaitConfirmed(options.confirmTimeout().toNanos())) {
            throw new TransportException("No publisher confirm from " + describe() + " within "
                    + options.confirmTimeout().toMillis() + " ms", true);
        }
        old.release(flight);
        resetChannel(); // every other flight of the old channel is confirmed, hence reported
        channel();
        confirms.adopt(flight);
        return flight;
    }

    private void reject(Batch batch, int index, String why) {
        batch.reject(index);
        if (!rejectionReported) {
            // Later ones are counted in the pipeline's throttled drop report.
            rejectionReported = true;
            status.warn("Dropped an event of logger '" + Texts.truncate(message(batch.events(), index).loggerName(), 200)
                    + "' that " + describe() + " cannot take: " + why + "; the rest of its batch is sent", null);
        }
    }

    /** Events of a RabbitMQ batch come from this transport's encoder. */
    private static AmqpMessage message(List<EncodedEvent> events, int index) {
        return (AmqpMessage) events.get(index);
    }

    private static int utf8Length(String s) {
        if (s == null || s.length() * 3 <= MAX_SHORT_STRING_BYTES) {
            return s == null ? 0 : s.length();
        }
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private AMQP.BasicProperties properties(AmqpMessage e, String contentType) {
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
        confirms = null;
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
