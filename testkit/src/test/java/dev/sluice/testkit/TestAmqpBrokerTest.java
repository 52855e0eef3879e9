package dev.sluice.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TestAmqpBrokerTest {

    private static final AmqpEndpoint FAKE_EMBEDDED =
            new AmqpEndpoint("127.0.0.1", 65000, "guest", "guest", true);

    @Test
    void getReturnsAUsableBrokerForARoundTrip() throws Exception {
        AmqpEndpoint endpoint = TestAmqpBroker.get();
        assertThat(TestAmqpBroker.get()).isSameAs(endpoint);
        if ("true".equals(System.getenv(TestAmqpBroker.FORCE_EMBEDDED_ENV))) {
            assertThat(endpoint.isEmbedded()).isTrue();
        } else if ("true".equals(System.getenv(TestAmqpBroker.REQUIRE_REAL_ENV))
                || RabbitMqProbe.problemWith(TestAmqpBroker.LOCAL_RABBITMQ).isEmpty()) {
            assertThat(endpoint).isEqualTo(TestAmqpBroker.LOCAL_RABBITMQ); // a usable RabbitMQ always wins
        } else {
            assertThat(endpoint.isEmbedded()).isTrue();
        }

        String exchange = "sluice.testkit.roundtrip." + UUID.randomUUID();
        try (AmqpCollector collector = AmqpCollector.bind(endpoint, exchange, "topic", false, "#")) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(endpoint.uri());
            try (Connection connection = factory.newConnection()) {
                Channel channel = connection.createChannel();
                channel.confirmSelect();
                channel.basicPublish(exchange, "round.trip", null, "hello".getBytes(UTF_8));
                channel.waitForConfirmsOrDie(5_000);
            }
            ReceivedMessage message = collector.awaitCount(1, Duration.ofSeconds(5)).get(0);
            assertThat(message.routingKey()).isEqualTo("round.trip");
            assertThat(message.bodyAsString()).isEqualTo("hello");
        } finally {
            AmqpCollector.deleteExchange(endpoint, exchange);
        }
    }

    @Test
    void requiringRealRabbitMqFailsInsteadOfFallingBack() throws Exception {
        AmqpEndpoint absent = new AmqpEndpoint("127.0.0.1", unusedPort(), "guest", "guest", false);
        AtomicInteger embeddedStarts = new AtomicInteger();
        assertThatThrownBy(() -> TestAmqpBroker.choose(false, true, absent, () -> {
            embeddedStarts.incrementAndGet();
            return FAKE_EMBEDDED;
        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(TestAmqpBroker.REQUIRE_REAL_ENV)
                .hasMessageContaining("127.0.0.1:" + absent.port())
                .hasMessageNotContaining(":guest@");
        assertThat(embeddedStarts).hasValue(0);
    }

    @Test
    void fallsBackToEmbeddedWhenRabbitMqIsAbsent() throws Exception {
        AmqpEndpoint absent = new AmqpEndpoint("127.0.0.1", unusedPort(), "guest", "guest", false);
        long start = System.nanoTime();
        assertThat(TestAmqpBroker.choose(false, false, absent, () -> FAKE_EMBEDDED)).isSameAs(FAKE_EMBEDDED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void forcingEmbeddedSkipsTheRealBroker() {
        AmqpEndpoint real = TestAmqpBroker.LOCAL_RABBITMQ;
        assertThat(TestAmqpBroker.choose(true, false, real, () -> FAKE_EMBEDDED)).isSameAs(FAKE_EMBEDDED);
        assertThatThrownBy(() -> TestAmqpBroker.choose(true, true, real, () -> FAKE_EMBEDDED))
                .isInstanceOf(IllegalStateException.class);
    }

    private static int unusedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again: nothing listens there (barring a race)
        }
    }
}
