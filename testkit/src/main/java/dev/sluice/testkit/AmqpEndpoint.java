package dev.sluice.testkit;

import com.rabbitmq.client.ConnectionFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import javax.net.ssl.SSLContext;
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
    private final String virtualHost;
    private final boolean tls;

    public AmqpEndpoint(String host, int port, String username, String password, boolean embedded) {
        this(host, port, username, password, embedded, "/", false);
    }

    private AmqpEndpoint(String host, int port, String username, String password, boolean embedded,
                         String virtualHost, boolean tls) {
        this.virtualHost = requireText(virtualHost, "virtualHost");
        this.tls = tls;
        this.host = requireText(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        this.username = requireText(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.embedded = embedded;
    }

    /**
     * A broker given by an AMQP URI ({@code amqp://user:pass@host:port/vhost}, or {@code amqps://} for TLS with
     * the JVM's default trust store and host name verification), as a user would give it. Defaults as in
     * RabbitMQ's URI spec: port 5672 (5671 for amqps), guest/guest, virtual host "/".
     */
    public static AmqpEndpoint fromUri(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an AMQP URI: " + e.getMessage());
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
            throw new IllegalArgumentException("an AMQP URI starts with amqp:// or amqps://");
        }
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("the AMQP URI has no host");
        }
        boolean tls = scheme.equals("amqps");
        int port = parsed.getPort() > 0 ? parsed.getPort() : tls ? 5671 : 5672;
        String username = "guest";
        String password = "guest";
        String userInfo = parsed.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        String path = parsed.getRawPath();
        String virtualHost = path == null || path.isEmpty() || path.equals("/") ? "/" : decode(path.substring(1));
        return new AmqpEndpoint(parsed.getHost(), port, username, password, false, virtualHost, tls);
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

    /** {@code amqp://user:pass@host:port[/vhost]}, with user, password and virtual host percent-encoded. */
    public String uri() {
        return (tls ? "amqps://" : "amqp://") + encode(username) + ":" + encode(password) + "@" + host + ":" + port
                + (virtualHost.equals("/") ? "" : "/" + encode(virtualHost));
    }

    /**
     * A fresh factory for this endpoint.
     * Automatic recovery is off: in tests a lost connection should fail loudly rather than be hidden.
     */
    public ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        if (tls) {
            try {
                factory.useSslProtocol(SSLContext.getDefault());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no default TLS context", e);
            }
            factory.enableHostnameVerification();
        }
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
                && tls == other.tls
                && virtualHost.equals(other.virtualHost)
                && host.equals(other.host)
                && username.equals(other.username)
                && password.equals(other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username, password, embedded, virtualHost, tls);
    }

    @Override
    public String toString() {
        // Never the password: endpoints end up in test reports and logs.
        return "AmqpEndpoint{" + (tls ? "amqps://" : "amqp://") + username + ":****@" + host + ":" + port
                + (virtualHost.equals("/") ? "" : "/" + virtualHost)
                + (embedded ? ", embedded Qpid" : ", RabbitMQ") + "}";
    }

    private static String encode(String s) {
        // URLEncoder is form encoding; a space must be %20 in the user-info part of a URI.
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String s) {
        // Percent-decoding only: a '+' in a URI is a plus sign, not a space.
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }
}
