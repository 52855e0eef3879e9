package dev.sluice.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedAmqpBrokerTest {

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
    void exposesLoopbackEndpointWithDefaultCredentials() {
        assertThat(broker.host()).isEqualTo("127.0.0.1");
        assertThat(broker.port()).isPositive();
        assertThat(broker.username()).isEqualTo("guest");
        assertThat(broker.password()).isEqualTo("guest");
        assertThat(broker.uri()).isEqualTo("amqp://guest:guest@127.0.0.1:" + broker.port());
        assertThat(broker.endpoint().isEmbedded()).isTrue();
        assertThat(broker.toString()).doesNotContain(":guest@");
    }

    @Test
    void deliversPersistentMessagesWithPublisherConfirmsOnDefaultVirtualHost() throws Exception {
        String exchange = "sluice.testkit.confirms";
        int total = 1_000;
        try (AmqpCollector collector = AmqpCollector.bind(broker.endpoint(), exchange, "topic", true, "#");
             Connection connection = defaultVirtualHostFactory().newConnection("publisher")) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(exchange, "topic", true);
            channel.confirmSelect();
            for (int i = 0; i < total; i++) {
                AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                        .deliveryMode(2)
                        .contentType("application/json")
                        .contentEncoding("utf-8")
                        .messageId("m-" + i)
                        .appId("sluice-test")
                        .headers(Map.of("seq", i))
                        .build();
                channel.basicPublish(exchange, routingKey(i), props, ("{\"seq\":" + i + "}").getBytes(UTF_8));
            }
            channel.waitForConfirmsOrDie(10_000);

            List<ReceivedMessage> received = collector.awaitCount(total, Duration.ofSeconds(10));
            collector.awaitQuiet(Duration.ofMillis(200), Duration.ofSeconds(5));

            assertThat(collector.count()).isEqualTo(total);
            for (int i = 0; i < total; i++) {
                ReceivedMessage m = received.get(i);
                assertThat(m.exchange()).isEqualTo(exchange);
                assertThat(m.routingKey()).isEqualTo(routingKey(i));
                assertThat(m.bodyAsString()).isEqualTo("{\"seq\":" + i + "}");
                assertThat(m.redelivered()).isFalse();
                assertThat(m.properties().getDeliveryMode()).isEqualTo(2);
                assertThat(m.properties().getContentType()).isEqualTo("application/json");
                assertThat(m.properties().getContentEncoding()).isEqualTo("utf-8");
                assertThat(m.properties().getMessageId()).isEqualTo("m-" + i);
                assertThat(m.properties().getAppId()).isEqualTo("sluice-test");
                assertThat(m.properties().getHeaders()).containsEntry("seq", i);
            }
        } finally {
            AmqpCollector.deleteExchange(broker.endpoint(), exchange);
        }
    }

    @Test
    void refusesWrongPassword() {
        ConnectionFactory factory = defaultVirtualHostFactory();
        factory.setPassword("not-the-password");
        assertThatThrownBy(factory::newConnection).isInstanceOf(PossibleAuthenticationFailureException.class);
    }

    @Test
    void refusesUnknownUser() {
        ConnectionFactory factory = defaultVirtualHostFactory();
        factory.setUsername("nobody");
        assertThatThrownBy(factory::newConnection).isInstanceOf(PossibleAuthenticationFailureException.class);
    }

    @Test
    void uriConnects() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(broker.uri());
        try (Connection connection = factory.newConnection()) {
            assertThat(connection.isOpen()).isTrue();
            assertThat(connection.createChannel().isOpen()).isTrue();
        }
    }

    @Test
    void virtualHostAlsoReachableByItsName() throws Exception {
        ConnectionFactory factory = defaultVirtualHostFactory();
        factory.setVirtualHost("default");
        try (Connection connection = factory.newConnection()) {
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Test
    void isNotReachableOnNonLoopbackAddresses() throws Exception {
        Optional<InetAddress> external = firstNonLoopbackIpv4();
        assumeTrue(external.isPresent(), "no non-loopback IPv4 address on this machine");
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(
                    new InetSocketAddress(external.get(), broker.port()), 1_000))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void startWithOtherUserAndCloseDeletesWorkDirectory() throws Exception {
        String password = "pa ss\"w\\ord";
        EmbeddedAmqpBroker own = EmbeddedAmqpBroker.start("alice", password);
        try {
            assertThat(own.port()).isNotEqualTo(broker.port());
            assertThat(Files.isDirectory(own.workDir())).isTrue();
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(own.uri()); // percent-encoded password must round-trip
            try (Connection connection = factory.newConnection()) {
                assertThat(connection.isOpen()).isTrue();
            }
            ConnectionFactory guest = own.endpoint().connectionFactory();
            guest.setUsername("guest");
            guest.setPassword("guest");
            assertThatThrownBy(guest::newConnection).isInstanceOf(PossibleAuthenticationFailureException.class);
        } finally {
            own.close();
        }
        assertThat(own.workDir()).doesNotExist();
        own.close(); // idempotent
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", own.port()), 1_000))
                    .isInstanceOf(IOException.class);
        }
    }

    private static ConnectionFactory defaultVirtualHostFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setVirtualHost("/");
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    private static String routingKey(int i) {
        return "app." + (i % 3 == 0 ? "error" : "info") + "." + i;
    }

    private static Optional<InetAddress> firstNonLoopbackIpv4() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
