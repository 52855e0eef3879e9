package dev.sluice.testkit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Collects everything published to an exchange, for assertions in tests.
 *
 * <p>{@link #bind} declares the exchange with the given type and durability (so that it matches what the code
 * under test declares; a mismatch would be a channel error), a server-named exclusive auto-delete queue bound with
 * the given binding key, and consumes it with auto-ack. Messages are kept in arrival order.
 *
 * <pre>{@code
 * try (AmqpCollector logs = AmqpCollector.bind(TestAmqpBroker.get(), "logs", "topic", true, "#")) {
 *     // ... code under test publishes ...
 *     logs.awaitCount(1000, Duration.ofSeconds(10));
 *     logs.awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(5)); // and nothing more (no duplicates)
 * }
 * }</pre>
 */
public final class AmqpCollector implements AutoCloseable {

    /** Deliveries in flight per consumer; high so that the broker never waits on us. */
    private static final int PREFETCH = 10_000;

    private final Connection connection;
    private final String exchange;
    private final String queue;
    private final ArrivalLog<ReceivedMessage> log;

    private AmqpCollector(Connection connection, String exchange, String queue, ArrivalLog<ReceivedMessage> log) {
        this.connection = connection;
        this.exchange = exchange;
        this.queue = queue;
        this.log = log;
    }

    /**
     * Declares {@code exchange} ({@code exchangeType}, {@code durableExchange}) and starts collecting what is
     * routed to it with {@code bindingKey} (e.g. {@code "#"} for a topic exchange).
     */
    public static AmqpCollector bind(AmqpEndpoint endpoint, String exchange, String exchangeType,
                                     boolean durableExchange, String bindingKey) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(exchangeType, "exchangeType");
        Objects.requireNonNull(bindingKey, "bindingKey");
        Connection connection = open(endpoint, "sluice-testkit-collector");
        try {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(exchange, exchangeType, durableExchange);
            String queue = channel.queueDeclare().getQueue(); // server-named, exclusive, auto-delete
            channel.queueBind(queue, exchange, bindingKey);
            channel.basicQos(PREFETCH);

            ArrivalLog<ReceivedMessage> log = new ArrivalLog<>();
            channel.basicConsume(queue, true, new CollectingConsumer(channel, log));
            return new AmqpCollector(connection, exchange, queue, log);
        } catch (IOException | RuntimeException e) {
            closeQuietly(connection);
            throw new IllegalStateException("could not bind a collector to exchange '" + exchange + "' at "
                    + endpoint, e);
        }
    }

    /**
     * Deletes {@code exchange}, ignoring every error (e.g. that it does not exist). Uses its own connection:
     * Qpid closes the channel when asked to delete something that does not exist.
     */
    public static void deleteExchange(AmqpEndpoint endpoint, String exchange) {
        Connection connection;
        try {
            connection = endpoint.connectionFactory().newConnection("sluice-testkit-cleanup");
        } catch (IOException | TimeoutException | RuntimeException e) {
            return;
        }
        try {
            Channel channel = connection.createChannel();
            channel.exchangeDelete(exchange);
        } catch (IOException | RuntimeException e) {
            // Best effort: missing exchange or a broker that refuses is fine for cleanup.
        } finally {
            closeQuietly(connection);
        }
    }

    /** Number of messages received so far. */
    public int count() {
        return log.size();
    }

    /** A copy of the messages received so far, in arrival order. */
    public List<ReceivedMessage> messages() {
        return log.snapshot();
    }

    /**
     * Waits until at least {@code atLeast} messages arrived and returns all received so far.
     *
     * @throws AssertionError with the count reached if {@code timeout} passes (or the consumer was shut down)
     */
    public List<ReceivedMessage> awaitCount(int atLeast, Duration timeout) {
        return log.awaitSize(atLeast, timeout, "messages on exchange '" + exchange + "'");
    }

    /**
     * Returns once no message arrived for {@code quietFor} (typically after {@link #awaitCount}, to check that
     * nothing extra, such as a duplicate, follows).
     *
     * @throws AssertionError if messages keep arriving until {@code timeout}
     */
    public void awaitQuiet(Duration quietFor, Duration timeout) {
        log.awaitQuiet(quietFor, timeout, "messages on exchange '" + exchange + "'");
    }

    /**
     * Everything a publisher that has finished (its messages confirmed, e.g. a stopped appender) will ever
     * deliver here, without waiting for a quiet period: publishes a marker straight to this collector's queue
     * (behind every message the broker routed there before) and returns what arrived before it.
     *
     * @throws AssertionError if the marker does not arrive within {@code timeout}
     */
    public List<ReceivedMessage> receivedBeforeMarker(AmqpEndpoint endpoint, Duration timeout) {
        byte[] marker = ("sluice-testkit-marker-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        Connection publisher = open(endpoint, "sluice-testkit-marker");
        try {
            publisher.createChannel().basicPublish("", queue, null, marker);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("could not publish a marker to queue '" + queue + "' at " + endpoint, e);
        } finally {
            closeQuietly(publisher);
        }
        return log.awaitItem(m -> Arrays.equals(m.body(), marker), timeout,
                "the marker on exchange '" + exchange + "'");
    }

    public String exchange() {
        return exchange;
    }

    /** The server-named queue this collector consumes. */
    public String queue() {
        return queue;
    }

    /** Closes the connection; the exclusive queue goes with it. Idempotent. */
    @Override
    public void close() {
        closeQuietly(connection);
    }

    @Override
    public String toString() {
        return "AmqpCollector{exchange=" + exchange + ", queue=" + queue + ", count=" + count() + "}";
    }

    static Connection open(AmqpEndpoint endpoint, String connectionName) {
        try {
            return endpoint.connectionFactory().newConnection(connectionName);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to " + endpoint, e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (connection.isOpen()) {
                connection.close();
            }
        } catch (IOException | RuntimeException e) {
            // Already closing or closed by the broker: nothing left to release.
        }
    }

    /** Appends each delivery to the log; records why consumption stopped if the channel goes away. */
    private static final class CollectingConsumer extends DefaultConsumer {

        private final ArrivalLog<ReceivedMessage> log;

        CollectingConsumer(Channel channel, ArrivalLog<ReceivedMessage> log) {
            super(channel);
            this.log = log;
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                   byte[] body) {
            log.add(new ReceivedMessage(body, envelope.getExchange(), envelope.getRoutingKey(), properties,
                    envelope.isRedeliver()));
        }

        @Override
        public void handleShutdownSignal(String consumerTag, ShutdownSignalException sig) {
            log.markClosed(sig.getMessage());
        }

        @Override
        public void handleCancel(String consumerTag) {
            log.markClosed("consumer cancelled by the broker");
        }
    }
}
