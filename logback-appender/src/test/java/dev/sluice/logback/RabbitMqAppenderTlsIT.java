package dev.sluice.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.status.Status;
import dev.sluice.pipeline.PipelineStats;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.EmbeddedAmqpBroker;
import dev.sluice.testkit.ReceivedMessage;
import dev.sluice.testkit.SelfSignedKeyStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * amqps:// end to end. RabbitMQ on the test machine has no TLS listener, so these tests always run against an
 * embedded broker with a TLS port presenting a fresh self-signed certificate, and a plain port for the collector.
 *
 * <p>The certificate names {@code localhost} only (subject alternative name {@code dns:localhost}), so that the
 * same listener can be reached by a name the certificate covers ({@code localhost}) and by one it does not
 * ({@code 127.0.0.1}, which a certificate with an {@code ip:127.0.0.1} entry would cover): host name verification
 * is tested on a reachable address.
 */
class RabbitMqAppenderTlsIT {
    private static final String STORE_PASSWORD = "tls-it-store-" + UUID.randomUUID();
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static SelfSignedKeyStores tls;
    private static EmbeddedAmqpBroker broker;

    private String exchange;
    private AmqpCollector collector;
    private LogbackFixture logback;

    @BeforeAll
    static void startBroker() {
        tls = SelfSignedKeyStores.generate(dir, STORE_PASSWORD, "dns:localhost");
        broker = EmbeddedAmqpBroker.startTls(tls.keyStore(), tls.password());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void setUp() {
        exchange = "sluice-tls-it-" + UUID.randomUUID();
        collector = AmqpCollector.bind(broker.endpoint(), exchange, "topic", true, "#");
    }

    @AfterEach
    void tearDown() {
        if (logback != null) {
            logback.close();
        }
        collector.close();
        AmqpCollector.deleteExchange(broker.endpoint(), exchange);
    }

    private RabbitMqAppender start(String host, boolean withTrustStore, String... extra) {
        Map<String, String> props = new HashMap<>();
        props.put("AMQP_URI", broker.tlsUri(host));
        props.put("EXCHANGE", exchange);
        if (withTrustStore) {
            props.put("TRUST_STORE", tls.trustStore().toString());
            props.put("TRUST_STORE_PASSWORD", tls.password());
        }
        for (int i = 0; i + 1 < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        logback = LogbackFixture.configure("/logback-tls.xml", props);
        RabbitMqAppender appender = logback.rabbitAppender("RABBIT");
        assertThat(appender.isStarted()).as("appender started").isTrue();
        return appender;
    }

    private void assertDelivered(RabbitMqAppender appender, String text) {
        logback.context.getLogger("tls").info(text);
        // Sent or given up (maxRetries=0): whichever comes first, so that a failure shows at once, with its reason.
        await().atMost(DEADLINE).until(() -> appender.getStats().sent() + appender.getStats().failed() >= 1);
        assertThat(appender.getStats().failed())
                .as("failed; status errors: %s", logback.statusMessages(Status.ERROR))
                .isZero();
        ReceivedMessage m = collector.awaitCount(1, DEADLINE).get(0);
        assertThat(m.bodyAsString()).contains("\"message\":\"" + text + "\"");
        assertThat(appender.getStats().sent()).isEqualTo(1);
        assertThat(logback.sluiceStatusText()).doesNotContain(STORE_PASSWORD);
    }

    /** Logs one event that cannot be delivered; returns the ERROR statuses once it is counted as failed. */
    private String assertNotDelivered(RabbitMqAppender appender) {
        Logger log = logback.context.getLogger("tls");
        log.info("must not arrive");
        await().atMost(DEADLINE).until(() -> appender.getStats().failed() == 1);
        PipelineStats.Snapshot stats = appender.getStats();
        assertThat(stats.sent()).isZero();
        assertThat(collector.count()).isZero();
        assertThat(logback.sluiceStatusText()).doesNotContain(STORE_PASSWORD);
        return String.join("\n", logback.statusMessages(Status.ERROR));
    }

    @Test
    void deliversOverTlsWhenTheTrustStoreHoldsTheCertificateAndTheHostNameMatches() {
        RabbitMqAppender appender = start("localhost", true);
        assertDelivered(appender, "over tls");
    }

    @Test
    void theJvmDefaultTrustRejectsTheSelfSignedCertificateSoNothingIsTrustedBlindly() {
        RabbitMqAppender appender = start("localhost", false);
        String errors = assertNotDelivered(appender);
        assertThat(errors).contains("localhost:" + broker.tlsPort())
                .containsIgnoringCase("certification path");
    }

    @Test
    void aHostNameTheCertificateDoesNotNameIsRejectedWhenVerifyingHostNames() {
        RabbitMqAppender appender = start("127.0.0.1", true);
        String errors = assertNotDelivered(appender);
        assertThat(errors).contains("127.0.0.1:" + broker.tlsPort())
                .containsIgnoringCase("subject alternative name");
    }

    @Test
    void withHostNameVerificationOffATrustedCertificateIsAcceptedUnderAnyName() {
        RabbitMqAppender appender = start("127.0.0.1", true, "VERIFY_HOSTNAME", "false");
        assertDelivered(appender, "tls without host name check");
    }
}
