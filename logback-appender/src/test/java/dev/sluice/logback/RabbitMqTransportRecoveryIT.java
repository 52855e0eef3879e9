package dev.sluice.logback;

import dev.sluice.testkit.SendAndWait;
import dev.sluice.transport.rabbitmq.AmqpMessage;
import com.rabbitmq.client.Connection;
import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import dev.sluice.encode.EncodedEvent;
import dev.sluice.transport.Batch;
import dev.sluice.runtime.StatusSink;
import dev.sluice.transport.TransportException;
import dev.sluice.transport.rabbitmq.RabbitMqOptions;
import dev.sluice.transport.rabbitmq.RabbitMqTransport;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.FaultProxy;
import dev.sluice.testkit.TestAmqpBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link RabbitMqTransport} driven directly (one batch at a time, as the sender thread does) through a
 * {@link FaultProxy}, to look at what a connection loss in the middle of a send leaves behind.
 */
class RabbitMqTransportRecoveryIT {
    private static final java.time.Duration SEND_TIMEOUT = java.time.Duration.ofSeconds(30);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private AmqpEndpoint broker;
    private String exchange;
    private AmqpCollector collector;
    private FaultProxy proxy;
    private RabbitMqTransport transport;

    @BeforeEach
    void setUp() {
        broker = TestAmqpBroker.get();
        exchange = "sluice-transport-it-" + UUID.randomUUID();
        collector = AmqpCollector.bind(broker, exchange, "topic", true, "#");
        proxy = FaultProxy.start(broker.host(), broker.port());
        Options options = new Options()
                .set("uri", "amqp://" + broker.username() + ":" + broker.password() + "@127.0.0.1:" + proxy.port())
                .set("exchange", exchange)
                .set("confirmTimeout", "20s");
        OptionReader reader = new OptionReader(options);
        RabbitMqOptions rabbit = RabbitMqOptions.read(reader, "recovery-it", "sluice");
        assertThat(reader.errors()).isEmpty();
        transport = new RabbitMqTransport(rabbit, "recovery-it", new IgnoringStatus());
    }

    @AfterEach
    void tearDown() {
        transport.close();
        proxy.close();
        collector.close();
        AmqpCollector.deleteExchange(broker, exchange);
    }

    /**
     * A connection lost while a send waits for its confirms closes the send's channel. The transport then forgets
     * that channel without closing it, so it stays registered with amqp-client's recovering connection, which
     * re-opens it on recovery: one orphan channel on the broker per such incident, for the life of the appender,
     * re-created at every later recovery too.
     */
    @Test
    void aConnectionLostDuringASendLeavesNoOrphanChannelAfterRecovery() throws Exception {
        transport.connect();
        SendAndWait.send(transport, batch("first"), SEND_TIMEOUT);
        collector.awaitCount(1, DEADLINE);

        proxy.pauseDownstream();
        CompletableFuture<Void> inFlight = CompletableFuture.runAsync(() -> {
            try {
                SendAndWait.send(transport, batch("in flight"), SEND_TIMEOUT);
            } catch (TransportException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        collector.awaitCount(2, DEADLINE); // published: the send now waits for a confirm that cannot arrive
        proxy.dropConnections();
        proxy.resume();
        assertThatThrownBy(() -> inFlight.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(TransportException.class);

        // Automatic recovery: sending works again once the connection is back.
        await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() -> SendAndWait.send(transport, batch("after recovery"), SEND_TIMEOUT));
        assertThat(proxy.acceptedCount()).isEqualTo(2);

        assertThat(openRegisteredChannels())
                .as("open channels amqp-client keeps (and recovers) for the transport's connection")
                .isEqualTo(1L);
    }

    private static Batch batch(String message) {
        Batch b = new Batch(1);
        byte[] body = ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        b.add(new AmqpMessage(body, System.currentTimeMillis(), "INFO", "recovery", "recovery.INFO"));
        return b;
    }

    /** Open channels in the recovering connection's registry of channels it re-opens on recovery. */
    private long openRegisteredChannels() throws ReflectiveOperationException {
        Field connectionField = RabbitMqTransport.class.getDeclaredField("connection");
        connectionField.setAccessible(true);
        Connection connection = (Connection) connectionField.get(transport);
        Field channels = connection.getClass().getDeclaredField("channels");
        channels.setAccessible(true);
        return ((Map<?, ?>) channels.get(connection)).values().stream()
                .filter(c -> ((com.rabbitmq.client.Channel) c).isOpen())
                .count();
    }

    private static final class IgnoringStatus implements StatusSink {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message, Throwable cause) {
        }

        @Override
        public void error(String message, Throwable cause) {
        }
    }
}
