package dev.sluice.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AmqpCollectorTest {

    private static EmbeddedAmqpBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedAmqpBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void collectsOneHundredThousandMessagesInOrder() throws Exception {
        String exchange = "sluice.testkit.bulk";
        int total = 100_000;
        try (AmqpCollector collector = AmqpCollector.bind(broker.endpoint(), exchange, "topic", false, "#");
             Connection connection = broker.endpoint().connectionFactory().newConnection("bulk-publisher")) {
            Channel channel = connection.createChannel();
            channel.confirmSelect();
            byte[] body = "x".repeat(100).getBytes(UTF_8);
            for (int i = 0; i < total; i++) {
                channel.basicPublish(exchange, "k." + i, MessageProperties.MINIMAL_BASIC, body);
                if (i % 10_000 == 9_999) {
                    channel.waitForConfirmsOrDie(30_000); // bounded in-flight: do not outrun the broker
                }
            }
            channel.waitForConfirmsOrDie(30_000);

            List<ReceivedMessage> received = collector.awaitCount(total, Duration.ofSeconds(60));
            assertThat(received).hasSize(total);
            assertThat(received.get(0).routingKey()).isEqualTo("k.0");
            assertThat(received.get(total - 1).routingKey()).isEqualTo("k." + (total - 1));
        } finally {
            AmqpCollector.deleteExchange(broker.endpoint(), exchange);
        }
    }

    @Test
    void onlyCollectsWhatMatchesTheBindingKey() throws Exception {
        String exchange = "sluice.testkit.direct";
        try (AmqpCollector errors = AmqpCollector.bind(broker.endpoint(), exchange, "direct", false, "error");
             Connection connection = broker.endpoint().connectionFactory().newConnection()) {
            Channel channel = connection.createChannel();
            channel.confirmSelect();
            channel.basicPublish(exchange, "info", null, "i".getBytes(UTF_8));
            channel.basicPublish(exchange, "error", null, "e".getBytes(UTF_8));
            channel.waitForConfirmsOrDie(5_000);

            assertThat(errors.awaitCount(1, Duration.ofSeconds(5))).extracting(ReceivedMessage::bodyAsString)
                    .containsExactly("e");
            errors.awaitQuiet(Duration.ofMillis(200), Duration.ofSeconds(5));
            assertThat(errors.messages()).hasSize(1);
        } finally {
            AmqpCollector.deleteExchange(broker.endpoint(), exchange);
        }
    }

    @Test
    void receivedBeforeMarkerReturnsEverythingConfirmedEarlierAndNothingElse() throws Exception {
        String exchange = "sluice.testkit.marker";
        // The binding key matches none of the marker's routing: the marker goes straight to the queue.
        try (AmqpCollector collector = AmqpCollector.bind(broker.endpoint(), exchange, "direct", false, "logs");
             Connection connection = broker.endpoint().connectionFactory().newConnection("marker-publisher")) {
            Channel channel = connection.createChannel();
            channel.confirmSelect();
            for (int i = 0; i < 50; i++) {
                channel.basicPublish(exchange, "logs", null, ("m" + i).getBytes(UTF_8));
            }
            channel.waitForConfirmsOrDie(5_000);

            List<ReceivedMessage> before = collector.receivedBeforeMarker(broker.endpoint(), Duration.ofSeconds(10));
            assertThat(before).hasSize(50);
            assertThat(before.get(0).bodyAsString()).isEqualTo("m0");
            assertThat(before.get(49).bodyAsString()).isEqualTo("m49");
        } finally {
            AmqpCollector.deleteExchange(broker.endpoint(), exchange);
        }
    }

    @Test
    void awaitCountReportsCountReached() {
        String exchange = "sluice.testkit.empty";
        try (AmqpCollector collector = AmqpCollector.bind(broker.endpoint(), exchange, "fanout", false, "")) {
            assertThatThrownBy(() -> collector.awaitCount(1, Duration.ofMillis(100)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("but got 0");
        } finally {
            AmqpCollector.deleteExchange(broker.endpoint(), exchange);
        }
    }

    @Test
    void deleteExchangeIgnoresMissingExchange() {
        AmqpCollector.deleteExchange(broker.endpoint(), "sluice.testkit.does-not-exist");
        AmqpCollector.deleteExchange(
                new AmqpEndpoint("127.0.0.1", 1, "guest", "guest", false), "unreachable-broker");
    }
}
