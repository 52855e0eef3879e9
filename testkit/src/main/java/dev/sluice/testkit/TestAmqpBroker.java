package dev.sluice.testkit;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses the AMQP broker for integration tests.
 *
 * <ul>
 *   <li>By default: the real RabbitMQ at 127.0.0.1:5672 (guest/guest) when a client can connect to it, otherwise
 *       a JVM-wide {@link EmbeddedAmqpBroker}, started on first use and stopped at JVM exit.</li>
 *   <li>{@value #REQUIRE_REAL_ENV}{@code =true} (e.g. on CI with a RabbitMQ service): no fallback; fails with an
 *       {@link IllegalStateException} when RabbitMQ cannot be reached.</li>
 *   <li>{@value #FORCE_EMBEDDED_ENV}{@code =true}: always the embedded broker, to exercise that path on a machine
 *       that has RabbitMQ.</li>
 * </ul>
 *
 * The choice is made once per JVM (a failure under {@value #REQUIRE_REAL_ENV} is re-checked on the next call).
 */
public final class TestAmqpBroker {

    public static final String REQUIRE_REAL_ENV = "SLUICE_REQUIRE_REAL_RABBITMQ";
    public static final String FORCE_EMBEDDED_ENV = "SLUICE_FORCE_EMBEDDED_BROKER";

    /** The local RabbitMQ with its out-of-the-box credentials. */
    static final AmqpEndpoint LOCAL_RABBITMQ = new AmqpEndpoint("127.0.0.1", 5672, "guest", "guest", false);

    private static AmqpEndpoint chosen; // guarded by TestAmqpBroker.class

    private TestAmqpBroker() {
    }

    /** The broker to use; see the class comment for how it is chosen. */
    public static synchronized AmqpEndpoint get() {
        if (chosen == null) {
            chosen = choose(isTrue(FORCE_EMBEDDED_ENV), isTrue(REQUIRE_REAL_ENV), LOCAL_RABBITMQ,
                    SharedEmbeddedBroker::endpoint);
        }
        return chosen;
    }

    /** The decision, separated from the environment and the singleton so that it can be tested. */
    static AmqpEndpoint choose(boolean forceEmbedded, boolean requireReal, AmqpEndpoint real,
                               Supplier<AmqpEndpoint> embedded) {
        if (forceEmbedded && requireReal) {
            throw new IllegalStateException(FORCE_EMBEDDED_ENV + " and " + REQUIRE_REAL_ENV
                    + " are both true; set only one");
        }
        if (forceEmbedded) {
            return embedded.get();
        }
        Optional<String> problem = RabbitMqProbe.problemWith(real);
        if (problem.isEmpty()) {
            return real;
        }
        if (requireReal) {
            throw new IllegalStateException(REQUIRE_REAL_ENV + "=true but RabbitMQ is not usable at " + real
                    + " (" + problem.get() + "). Start RabbitMQ there, or unset " + REQUIRE_REAL_ENV
                    + " to fall back to the embedded broker.");
        }
        return embedded.get();
    }

    private static boolean isTrue(String envName) {
        return "true".equalsIgnoreCase(String.valueOf(System.getenv(envName)).trim());
    }
}
