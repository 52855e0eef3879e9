package dev.sluice.testkit;

/**
 * The JVM-wide embedded broker behind {@link TestAmqpBroker}: started on first use, stopped by a shutdown hook,
 * so that all test classes of a run share one start-up.
 */
final class SharedEmbeddedBroker {

    private static EmbeddedAmqpBroker broker; // guarded by SharedEmbeddedBroker.class

    private SharedEmbeddedBroker() {
    }

    /**
     * Starts the broker if needed. A plain synchronized lazy field rather than a holder class: if start-up fails,
     * the next caller retries and sees the real exception instead of a NoClassDefFoundError.
     */
    static synchronized AmqpEndpoint endpoint() {
        if (broker == null) {
            EmbeddedAmqpBroker started = EmbeddedAmqpBroker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "sluice-embedded-broker-shutdown"));
            broker = started;
        }
        return broker.endpoint();
    }
}
