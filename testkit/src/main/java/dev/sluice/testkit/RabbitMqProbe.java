package dev.sluice.testkit;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Checks whether a real AMQP broker answers at an endpoint: a quick TCP connect first (so an absent broker costs
 * at most the connect timeout), then a real client connection (so a port that is open but is not a usable
 * broker, or refuses the credentials, does not count).
 */
final class RabbitMqProbe {

    static final int TCP_CONNECT_TIMEOUT_MS = 300;
    private static final int AMQP_CONNECT_TIMEOUT_MS = 2_000;
    private static final int AMQP_HANDSHAKE_TIMEOUT_MS = 3_000;

    private RabbitMqProbe() {
    }

    /** Empty if a client connection to {@code endpoint} succeeded, otherwise why not. */
    static Optional<String> problemWith(AmqpEndpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), TCP_CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            return Optional.of("no TCP connection within " + TCP_CONNECT_TIMEOUT_MS + " ms: " + e);
        }
        ConnectionFactory factory = endpoint.connectionFactory();
        factory.setConnectionTimeout(AMQP_CONNECT_TIMEOUT_MS);
        factory.setHandshakeTimeout(AMQP_HANDSHAKE_TIMEOUT_MS);
        try (Connection connection = factory.newConnection("sluice-testkit-probe")) {
            return connection.isOpen() ? Optional.empty() : Optional.of("AMQP connection closed immediately");
        } catch (IOException | TimeoutException | RuntimeException e) {
            return Optional.of("AMQP connection failed: " + e);
        }
    }
}
