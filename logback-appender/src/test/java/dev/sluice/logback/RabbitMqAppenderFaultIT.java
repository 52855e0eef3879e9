package dev.sluice.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.sluice.pipeline.PipelineStats;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.FaultProxy;
import dev.sluice.testkit.ReceivedMessage;
import dev.sluice.testkit.TestAmqpBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Network and broker faults between the appender and the broker: a dropped connection (automatic recovery), a
 * broker whose confirms never arrive (confirm timeout, retried), a broker that nacks (retried, then counted).
 * The appender reaches the broker through a {@link FaultProxy}; the collector connects to the broker directly, so
 * it sees what was really published whatever the proxy does.
 */
class RabbitMqAppenderFaultIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private AmqpEndpoint broker;
    private String exchange;
    private AmqpCollector collector;
    private FaultProxy proxy;
    private LogbackFixture logback;

    @BeforeEach
    void setUp() {
        broker = TestAmqpBroker.get();
        exchange = "sluice-fault-it-" + UUID.randomUUID();
        collector = AmqpCollector.bind(broker, exchange, "topic", true, "#");
        proxy = FaultProxy.start(broker.host(), broker.port());
    }

    @AfterEach
    void tearDown() {
        if (logback != null) {
            logback.close();
        }
        proxy.close();
        collector.close();
        AmqpCollector.deleteExchange(broker, exchange);
    }

    private RabbitMqAppender start(String uri, String... extra) {
        Map<String, String> props = new HashMap<>();
        props.put("AMQP_URI", uri);
        props.put("EXCHANGE", exchange);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        logback = LogbackFixture.configure("/logback-fault.xml", props);
        RabbitMqAppender appender = logback.rabbitAppender("RABBIT");
        assertThat(appender.isStarted()).as("appender started").isTrue();
        return appender;
    }

    private String proxiedUri() {
        return "amqp://" + broker.username() + ":" + broker.password() + "@127.0.0.1:" + proxy.port();
    }

    /** The distinct "message" fields received so far (at-least-once: duplicates collapse). */
    private Set<String> distinctMessages() {
        Set<String> messages = new HashSet<>();
        for (ReceivedMessage m : collector.messages()) {
            try {
                messages.add(JSON.readTree(m.body()).get("message").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return messages;
    }

    private static Set<String> expected(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + " " + i).collect(Collectors.toSet());
    }

    @Test
    void aDroppedConnectionIsRecoveredAutomaticallyAndNoEventIsLost() {
        RabbitMqAppender appender = start(proxiedUri());
        Logger log = logback.context.getLogger("recovery");
        for (int i = 0; i < 20; i++) {
            log.info("before {}", i);
        }
        collector.awaitCount(20, DEADLINE);
        await().atMost(DEADLINE).until(() -> appender.getStats().sent() == 20);
        assertThat(proxy.connectionCount()).as("the appender's one connection").isEqualTo(1);

        proxy.dropConnections();
        for (int i = 0; i < 20; i++) {
            log.info("after {}", i);
        }

        Set<String> all = new HashSet<>(expected("before", 20));
        all.addAll(expected("after", 20));
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(distinctMessages()).isEqualTo(all));
        await().atMost(DEADLINE).until(() -> appender.getStats().sent() == 40);
        PipelineStats.Snapshot stats = appender.getStats();
        assertThat(stats.failed()).as("failed, in " + stats).isZero();
        assertThat(stats.droppedTotal()).as("dropped, in " + stats).isZero();
        assertThat(proxy.acceptedCount()).as("reconnected through the proxy").isGreaterThanOrEqualTo(2);
        assertThat(logback.statusMessages(Status.WARN))
                .anySatisfy(m -> assertThat(m).contains("lost").contains("recovering automatically")
                        .contains("127.0.0.1:" + proxy.port()));
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(logback.statusMessages(Status.INFO))
                .anySatisfy(m -> assertThat(m).contains("recovered")));
        RabbitMqAppenderIT.assertNoSecret(logback, "guest:guest");
    }

    @Test
    void aConfirmTimeoutIsRetriedAndTheEventsAreDeliveredAtLeastOnce() {
        RabbitMqAppender appender = start(proxiedUri(), "CONFIRM_TIMEOUT", "300ms");
        Logger log = logback.context.getLogger("confirms");
        log.info("warm-up");
        collector.awaitCount(1, DEADLINE);
        await().atMost(DEADLINE).until(() -> appender.getStats().sent() == 1);

        // The publishes still reach the broker (and the collector); the broker's confirms do not reach the client.
        proxy.pauseDownstream();
        for (int i = 0; i < 5; i++) {
            log.info("unconfirmed {}", i);
        }
        await().atMost(DEADLINE).until(() -> appender.getStats().retries() > 0);
        assertThat(appender.getStats().sent()).as("nothing confirmed while paused").isEqualTo(1);
        proxy.resume();

        Set<String> all = new HashSet<>(expected("unconfirmed", 5));
        all.add("warm-up");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(distinctMessages()).isEqualTo(all));
        await().atMost(DEADLINE).until(() -> appender.getStats().sent() == 6);
        PipelineStats.Snapshot stats = appender.getStats();
        assertThat(stats.failed()).as("failed, in " + stats).isZero();
        assertThat(stats.droppedTotal()).as("dropped, in " + stats).isZero();
        assertThat(logback.statusMessages(Status.ERROR))
                .anySatisfy(m -> assertThat(m).contains("No publisher confirm").contains("within 300 ms"));
    }

    /**
     * RabbitMQ only: a queue with {@code x-overflow=reject-publish} makes RabbitMQ nack what it cannot take; Qpid
     * Broker-J does not know these queue arguments.
     */
    @Test
    void brokerNacksAreRetriedThenCountedAsFailed() throws Exception {
        assumeFalse(broker.isEmbedded(), "x-max-length/x-overflow=reject-publish nacks need a real RabbitMQ");
        String queue = "sluice-fault-it-nack-" + UUID.randomUUID();
        try (Connection connection = broker.connectionFactory().newConnection("sluice-fault-it-setup")) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(exchange, "topic", true);
            channel.queueDeclare(queue, false, false, true, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
            channel.queueBind(queue, exchange, "#");
            // Fill the queue: from now on every publish routed to it is nacked.
            channel.confirmSelect();
            channel.basicPublish(exchange, "fill", null, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);

            RabbitMqAppender appender = start(broker.uri(), "MAX_RETRIES", "2", "RETRY_BACKOFF", "10ms",
                    "MAX_RETRY_BACKOFF", "20ms");
            Logger log = logback.context.getLogger("nacks");
            for (int i = 0; i < 3; i++) {
                log.info("rejected {}", i);
            }

            await().atMost(DEADLINE).until(() -> appender.getStats().failed() == 3);
            PipelineStats.Snapshot stats = appender.getStats();
            assertThat(stats.retries()).as("retries, in " + stats).isGreaterThanOrEqualTo(1);
            assertThat(stats.sent()).as("sent, in " + stats).isZero();
            // The failed counter is updated just before the report is written: wait for the report.
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(logback.statusMessages(Status.ERROR))
                    .anySatisfy(m -> assertThat(m).contains("nacked"))
                    .anySatisfy(m -> assertThat(m).contains("Gave up on a batch of").contains("after 3 attempt(s)")));
        } finally {
            try (Connection connection = broker.connectionFactory().newConnection("sluice-fault-it-cleanup")) {
                connection.createChannel().queueDelete(queue);
            }
        }
    }
}
