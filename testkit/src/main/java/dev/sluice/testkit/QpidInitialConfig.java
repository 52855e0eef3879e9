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
    static final String VIRTUAL_HOST_NODE = "default";

    private QpidInitialConfig() {
    }

    /** The configuration as a {@code data:;base64,} URL, which Qpid accepts as initial configuration location. */
    static String asDataUrl(String bindAddress, String username, String password) {
        byte[] json = toJson(bindAddress, username, password).getBytes(StandardCharsets.UTF_8);
        return "data:;base64," + Base64.getEncoder().encodeToString(json);
    }

    static String toJson(String bindAddress, String username, String password) {
        try {
            // Jackson so that user names and passwords with quotes or backslashes are escaped correctly.
            return new ObjectMapper().writeValueAsString(brokerConfig(bindAddress, username, password));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise Qpid initial configuration", e);
        }
    }

    private static Map<String, Object> brokerConfig(String bindAddress, String username, String password) {
        Map<String, Object> broker = new LinkedHashMap<>();
        broker.put("name", "sluice-embedded-broker");
        broker.put("modelVersion", BrokerModel.MODEL_VERSION);
        broker.put("authenticationproviders", List.of(authProvider(username, password)));
        broker.put("ports", List.of(amqpPort(bindAddress)));
        broker.put("virtualhostnodes", List.of(virtualHostNode()));
        return broker;
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
