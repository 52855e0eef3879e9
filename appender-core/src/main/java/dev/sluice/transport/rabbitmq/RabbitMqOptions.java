package dev.sluice.transport.rabbitmq;

import com.rabbitmq.client.Address;
import dev.sluice.config.OptionReader;
import static dev.sluice.config.OptionCatalogue.*;

import dev.sluice.transport.TlsOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Where and how to publish. Accepts either {@code uri} (RabbitMQ URI spec) or {@code addresses} with
 * {@code username}, {@code password} and {@code virtualHost}. Never prints the password.
 */
public final class RabbitMqOptions {
    /** Wire format of message bodies. */
    public enum Format {
        /** One event per message, a JSON object: what Logstash's rabbitmq input with the json codec expects. */
        JSON,
        /** One batch per message (per routing key), newline-delimited JSON objects. */
        JSON_LINES
    }

    private final List<Address> addresses;
    private final boolean tls;
    private final String username;
    private final String password;
    private final String virtualHost;
    private final String exchange;
    private final String exchangeType;
    private final boolean declareExchange;
    private final boolean durable;
    private final String routingKey;
    private final boolean persistent;
    private final boolean publisherConfirms;
    private final Format format;
    private final String connectionName;
    private final String appId;
    private final Duration connectTimeout;
    private final Duration confirmTimeout;
    private final TlsOptions tlsOptions;

    private RabbitMqOptions(OptionReader r, String appenderName, String defaultAppId) {
        List<Address> parsedAddresses = new ArrayList<>();
        boolean useTls = false;
        String user = r.string(USERNAME);
        String pass = r.raw(PASSWORD);
        String vhost = r.raw(VIRTUAL_HOST);
        String uriText = r.string(URI);
        String addressText = r.string(ADDRESSES);
        if (uriText != null) {
            if (addressText != null) {
                r.error(ADDRESSES, "give either 'uri' or 'addresses', not both");
            }
            if (r.has(TLS)) {
                r.warn(TLS, "is ignored with 'uri': the scheme decides (amqps:// for TLS)");
            }
            try {
                URI uri = new URI(uriText);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
                    r.error("uri", "scheme must be amqp or amqps, got '" + (uri.getScheme() == null ? "" : uri.getScheme()) + "'");
                }
                useTls = scheme.equals("amqps");
                if (uri.getHost() == null || uri.getHost().isEmpty()) {
                    r.error("uri", "has no host (expected amqp://user:pass@host:5672/vhost)");
                }
                int port = uri.getPort() != -1 ? uri.getPort() : (useTls ? 5671 : 5672);
                parsedAddresses.add(new Address(uri.getHost() == null ? "" : uri.getHost(), port));
                String userInfo = uri.getRawUserInfo();
                if (userInfo != null) {
                    int colon = userInfo.indexOf(':');
                    user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                    if (colon >= 0) {
                        pass = decode(userInfo.substring(colon + 1));
                    }
                }
                String path = uri.getRawPath();
                if (path != null && !path.isEmpty()) {
                    if (path.indexOf('/', 1) != -1) {
                        r.error("uri", "the path must be a single virtual host segment; encode '/' inside it as %2F");
                    }
                    vhost = decode(path.substring(1));
                    if (vhost.isEmpty()) {
                        r.warn("uri", "ends with a lone '/', which the RabbitMQ URI spec reads as the EMPTY virtual host '', "
                                + "not the default '/'. Remove the trailing slash (amqp://host:5672) for '/', "
                                + "or write /%2F explicitly");
                    }
                }
            } catch (URISyntaxException e) {
                // The URI may hold a password: name the problem, not the text.
                r.error("uri", "is not a valid URI (" + e.getReason() + " at index " + e.getIndex() + ")");
            }
        } else if (addressText != null) {
            if (addressText.indexOf('@') >= 0) {
                // A pasted URI or user:password@host: the text holds a password, so it is not echoed,
                // and it never reaches amqp-client (which would take "user:password@host" for a host name).
                r.error("addresses", "must be host[:port] separated by commas, without credentials ('user:password@');"
                        + " give them as username and password, or use uri");
            } else {
                try {
                    for (Address a : Address.parseAddresses(addressText)) {
                        parsedAddresses.add(a.getPort() == -1 ? new Address(a.getHost(), 5672) : a);
                    }
                } catch (RuntimeException e) {
                    r.error("addresses", "expected host[:port] separated by commas, got '" + addressText + "'");
                }
            }
            useTls = r.bool(TLS);
        } else {
            r.error(URI, "is required (or give 'addresses')");
        }
        this.addresses = Collections.unmodifiableList(parsedAddresses);
        this.username = user;
        this.password = pass;
        this.virtualHost = vhost;
        this.tls = useTls;
        this.exchange = r.raw(EXCHANGE).trim();
        this.exchangeType = r.string(EXCHANGE_TYPE);
        this.declareExchange = r.bool(DECLARE_EXCHANGE);
        this.durable = r.bool(DURABLE);
        this.routingKey = r.raw(ROUTING_KEY);
        this.persistent = r.bool(PERSISTENT);
        this.publisherConfirms = r.bool(PUBLISHER_CONFIRMS);
        this.format = r.choice(FORMAT, Format.class);
        this.connectionName = r.string(CONNECTION_NAME, "sluice:" + appenderName);
        this.appId = r.string(APP_ID, defaultAppId);
        this.connectTimeout = r.duration(CONNECT_TIMEOUT);
        this.confirmTimeout = r.duration(CONFIRM_TIMEOUT);
        this.tlsOptions = TlsOptions.read(r);
        if (exchange.isEmpty() && declareExchange) {
            r.error(DECLARE_EXCHANGE, "cannot declare the default exchange ''; set declareExchange=false or name an exchange");
        }
        // AMQP short strings: amqp-client would refuse every publish, so each event would be dropped.
        if (utf8Length(exchange) > MAX_SHORT_STRING_BYTES) {
            r.error(EXCHANGE, "is " + utf8Length(exchange) + " bytes long in UTF-8; AMQP allows at most 255");
        }
        if (appId != null && utf8Length(appId) > MAX_SHORT_STRING_BYTES) {
            r.error(APP_ID, "is " + utf8Length(appId) + " bytes long in UTF-8 (it defaults to the identity's"
                    + " 'application'); AMQP allows at most 255");
        }
        if (!RoutingKeyTemplate.isValid(routingKey)) {
            r.error(ROUTING_KEY, "has an unclosed '{' in '" + routingKey + "'");
        }
    }

    /**
     * @param defaultAppId the AMQP app-id used unless {@code appId} is given (adapters pass the
     *                     identity's {@code application}, or "sluice")
     */
    public static RabbitMqOptions read(OptionReader r, String appenderName, String defaultAppId) {
        return new RabbitMqOptions(r, appenderName, defaultAppId);
    }

    private static final int MAX_SHORT_STRING_BYTES = 255;

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public List<Address> addresses() {
        return addresses;
    }

    public boolean tls() {
        return tls;
    }

    public String username() {
        return username;
    }

    String password() {
        return password;
    }

    public String virtualHost() {
        return virtualHost;
    }

    public String exchange() {
        return exchange;
    }

    public String exchangeType() {
        return exchangeType;
    }

    public boolean declareExchange() {
        return declareExchange;
    }

    public boolean durable() {
        return durable;
    }

    public String routingKey() {
        return routingKey;
    }

    public boolean persistent() {
        return persistent;
    }

    public boolean publisherConfirms() {
        return publisherConfirms;
    }

    public Format format() {
        return format;
    }

    public String connectionName() {
        return connectionName;
    }

    public String appId() {
        return appId;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration confirmTimeout() {
        return confirmTimeout;
    }

    public TlsOptions tlsOptions() {
        return tlsOptions;
    }

    /** host:port list, user and virtual host; never the password. */
    public String describe() {
        StringBuilder sb = new StringBuilder(tls ? "amqps://" : "amqp://");
        for (int i = 0; i < addresses.size(); i++) {
            Address a = addresses.get(i);
            sb.append(i == 0 ? "" : ",").append(a.getHost()).append(':').append(a.getPort());
        }
        return sb.append(" (user '").append(username).append("', virtual host '").append(virtualHost)
                .append("', exchange '").append(exchange).append("')").toString();
    }

    @Override
    public String toString() {
        return "RabbitMqOptions[" + describe() + "]";
    }
}
