package dev.sluice.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.server.model.BrokerModel;

/**
 * Builds the minimal Qpid Broker-J initial configuration used by {@link EmbeddedAmqpBroker}.
 *
 * <p>Our own configuration rather than Qpid's stock {@code initial-config.json}: the stock one declares an HTTP
 * management port (a plugin we do not ship), file loggers and a BDB virtual host.
 */
final class QpidInitialConfig {

    static final String AUTH_PROVIDER = "plain";
    static final String AMQP_PORT = "AMQP";
    static final String AMQPS_PORT = "AMQPS";
    static final String KEY_STORE = "tls-key-store";
    static final String VIRTUAL_HOST_NODE = "default";

    private QpidInitialConfig() {
    }

    /** A key store for a TLS port: where it is ({@code file:} URL or path), its type and password. */
    static final class TlsKeyStore {
        final String storeUrl;
        final String type;
        final String password;

        TlsKeyStore(String storeUrl, String type, String password) {
            this.storeUrl = storeUrl;
            this.type = type;
            this.password = password;
        }
    }

    /** The configuration as a {@code data:;base64,} URL, which Qpid accepts as initial configuration location. */
    static String asDataUrl(String bindAddress, String username, String password) {
        return asDataUrl(bindAddress, username, password, null);
    }

    /** As {@link #asDataUrl(String, String, String)}, plus a TLS-only AMQP port when {@code tls} is not null. */
    static String asDataUrl(String bindAddress, String username, String password, TlsKeyStore tls) {
        byte[] json = toJson(bindAddress, username, password, tls).getBytes(StandardCharsets.UTF_8);
        return "data:;base64," + Base64.getEncoder().encodeToString(json);
    }

    static String toJson(String bindAddress, String username, String password) {
        return toJson(bindAddress, username, password, null);
    }

    static String toJson(String bindAddress, String username, String password, TlsKeyStore tls) {
        try {
            // Jackson so that user names and passwords with quotes or backslashes are escaped correctly.
            return new ObjectMapper().writeValueAsString(brokerConfig(bindAddress, username, password, tls));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise Qpid initial configuration", e);
        }
    }

    private static Map<String, Object> brokerConfig(String bindAddress, String username, String password,
                                                    TlsKeyStore tls) {
        Map<String, Object> broker = new LinkedHashMap<>();
        broker.put("name", "sluice-embedded-broker");
        broker.put("modelVersion", BrokerModel.MODEL_VERSION);
        broker.put("authenticationproviders", List.of(authProvider(username, password)));
        if (tls == null) {
            broker.put("ports", List.of(amqpPort(bindAddress)));
        } else {
            broker.put("keystores", List.of(keyStore(tls)));
            broker.put("ports", List.of(amqpPort(bindAddress), amqpsPort(bindAddress)));
        }
        broker.put("virtualhostnodes", List.of(virtualHostNode()));
        return broker;
    }

    private static Map<String, Object> keyStore(TlsKeyStore tls) {
        Map<String, Object> store = new LinkedHashMap<>();
        store.put("name", KEY_STORE);
        store.put("type", "FileKeyStore");
        store.put("storeUrl", tls.storeUrl);
        store.put("keyStoreType", tls.type);
        store.put("password", tls.password);
        return store;
    }

    /** The plain port's twin, TLS only: same authentication, protocols and virtual host aliases. */
    private static Map<String, Object> amqpsPort(String bindAddress) {
        Map<String, Object> port = amqpPort(bindAddress);
        port.put("name", AMQPS_PORT);
        port.put("transports", List.of("SSL"));
        port.put("keyStore", KEY_STORE);
        return port;
    }

    private static Map<String, Object> authProvider(String username, String password) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", username);
        user.put("type", "managed");
        user.put("password", password);

        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("name", AUTH_PROVIDER);
        provider.put("type", "Plain");
        // PLAIN is "secure only" by default, i.e. refused on a non-TLS port; the RabbitMQ client needs it.
        provider.put("secureOnlyMechanisms", List.of());
        provider.put("users", List.of(user));
        return provider;
    }

    private static Map<String, Object> amqpPort(String bindAddress) {
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("name", AMQP_PORT);
        port.put("type", "AMQP");
        // Port 0: the OS picks a free port, so parallel builds never collide; read back after start-up.
        port.put("port", 0);
        port.put("bindingAddress", bindAddress);
        port.put("authenticationProvider", AUTH_PROVIDER);
        port.put("protocols", List.of("AMQP_0_8", "AMQP_0_9", "AMQP_0_9_1"));
        // The RabbitMQ client's default virtual host "/" reaches Qpid as "" (leading '/' stripped):
        // defaultAlias maps it to the default node; nameAlias resolves the host by its own name ("default").
        port.put("virtualhostaliases", List.of(
                alias("defaultAlias", "defaultAlias"),
                alias("nameAlias", "nameAlias")));
        return port;
    }

    private static Map<String, Object> alias(String name, String type) {
        Map<String, Object> alias = new LinkedHashMap<>();
        alias.put("name", name);
        alias.put("type", type);
        return alias;
    }

    private static Map<String, Object> virtualHostNode() {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", VIRTUAL_HOST_NODE);
        node.put("type", "Memory");
        node.put("defaultVirtualHostNode", true);
        node.put("virtualHostInitialConfiguration", "{\"type\":\"Memory\"}");
        return node;
    }
}
