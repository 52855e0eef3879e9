package dev.sluice.testkit;

import com.rabbitmq.client.ConnectionFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where an AMQP 0-9-1 broker for tests can be reached: a real RabbitMQ or an {@link EmbeddedAmqpBroker}.
 *
 * <p>Immutable. {@link #toString()} masks the password so that endpoints can be logged or used in test names.
 */
public final class AmqpEndpoint {

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final boolean embedded;

    public AmqpEndpoint(String host, int port, String username, String password, boolean embedded) {
        this.host = requireText(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        this.username = requireText(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.embedded = embedded;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** {@code true} when this is the in-process Qpid broker rather than a real RabbitMQ. */
    public boolean isEmbedded() {
        return embedded;
    }

    /** {@code amqp://user:pass@host:port}, with user and password percent-encoded; default virtual host. */
    public String uri() {
        return "amqp://" + encode(username) + ":" + encode(password) + "@" + host + ":" + port;
    }

    /**
     * A fresh factory for this endpoint (default virtual host "/").
     * Automatic recovery is off: in tests a lost connection should fail loudly rather than be hidden.
     */
    public ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost("/");
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        return factory;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AmqpEndpoint)) {
            return false;
        }
        AmqpEndpoint other = (AmqpEndpoint) o;
        return port == other.port
                && embedded == other.embedded
                && host.equals(other.host)
                && username.equals(other.username)
                && password.equals(other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username, password, embedded);
    }

    @Override
    public String toString() {
        // Never the password: endpoints end up in test reports and logs.
        return "AmqpEndpoint{amqp://" + username + ":****@" + host + ":" + port
                + (embedded ? ", embedded Qpid" : ", RabbitMQ") + "}";
    }

    private static String encode(String s) {
        // URLEncoder is form encoding; a space must be %20 in the user-info part of a URI.
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }
}
