package dev.sluice.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.status.Status;
import dev.sluice.pipeline.DropReason;
import dev.sluice.pipeline.PipelineStats;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.TestAmqpBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/** Wrong configuration, wrong credentials, unknown hosts, a broker that is down: clear status, no harm to the app. */
class RabbitMqAppenderFailureIT {
    private LogbackFixture logback;

    @AfterEach
    void tearDown() {
        if (logback != null) {
            logback.close();
        }
    }

    private static LogbackFixture unreachable(String uri, String... extra) {
        Map<String, String> props = new HashMap<>();
        props.put("AMQP_URI", uri);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return LogbackFixture.configure("/logback-unreachable.xml", props);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void invalidConfigurationIsReportedOptionByOptionAndTheAppenderStaysStopped() {
        logback = LogbackFixture.configure("/logback-bad-config.xml", Map.of());
        RabbitMqAppender appender = (RabbitMqAppender) logback.context.getLogger("ROOT").getAppender("BROKEN");

        assertThat(appender.isStarted()).isFalse();
        assertThat(logback.statusMessages(Status.ERROR))
                .anySatisfy(m -> assertThat(m).contains("'uri'").contains("required"))
                .anySatisfy(m -> assertThat(m).contains("'queueSize'").contains("lots"))
                .anySatisfy(m -> assertThat(m).contains("'overflow'").contains("drop").contains("block"))
                .anySatisfy(m -> assertThat(m).contains("'linger'").contains("soon"))
                .anySatisfy(m -> assertThat(m).contains("'fields'").contains("levle"))
                .anySatisfy(m -> assertThat(m).contains("BROKEN").contains("not started"));
        assertThat(logback.sluiceStatusText()).doesNotContain("hunter2-secret");
        assertThatCode(() -> logback.context.getLogger("app").info("still fine")).doesNotThrowAnyException();
    }

    @Test
    void wrongCredentialsAreReportedWithHostAndUserButNeverThePassword() {
        AmqpEndpoint broker = TestAmqpBroker.get();
        String secret = "wrong-pass-" + System.nanoTime();
        String uri = "amqp://sluice-nobody:" + secret + "@" + broker.host() + ":" + broker.port();
        logback = unreachable(uri);
        RabbitMqAppender appender = logback.rabbitAppender("RABBIT");
        assertThat(appender.isStarted()).isTrue();

        logback.context.getLogger("app").info("will not arrive");
        await().atMost(Duration.ofSeconds(30)).until(() -> appender.getStats().failed() == 1);

        assertThat(logback.statusMessages(Status.ERROR))
                .anySatisfy(m -> assertThat(m).contains("refused the login")
                        .contains(broker.host() + ":" + broker.port()).contains("sluice-nobody"));
        assertThat(appender.getStats().retries()).isEqualTo(1);
        assertThat(logback.sluiceStatusText()).doesNotContain(secret);
    }

    @Test
    void unknownHostIsReportedByNameAndEventsAreCountedAsFailed() {
        logback = unreachable("amqp://guest:guest@no-such-host.invalid:5672");
        RabbitMqAppender appender = logback.rabbitAppender("RABBIT");
        logback.context.getLogger("app").info("will not arrive");

        await().atMost(Duration.ofSeconds(30)).until(() -> appender.getStats().failed() == 1);
        assertThat(logback.statusMessages(Status.ERROR))
                .anySatisfy(m -> assertThat(m).contains("no-such-host.invalid:5672").contains("unknown host"));
    }

    @Test
    void brokerDownAtStartUpNeitherFailsStartNorLoggingAndUndeliveredEventsAreCounted() throws IOException {
        int port = closedPort();
        logback = unreachable("amqp://guest:guest@127.0.0.1:" + port, "MAX_RETRIES", "1000", "CLOSE_TIMEOUT", "300ms");
        RabbitMqAppender appender = logback.rabbitAppender("RABBIT");
        assertThat(appender.isStarted()).isTrue();

        Logger log = logback.context.getLogger("app");
        assertThatCode(() -> {
            for (int i = 0; i < 1000; i++) {
                log.info("event {}", i);
            }
        }).doesNotThrowAnyException();
        await().atMost(Duration.ofSeconds(30)).until(() -> appender.getStats().retries() >= 1);

        logback.context.stop();
        PipelineStats.Snapshot stats = appender.getStats();
        assertThat(stats.accepted()).isEqualTo(1000);
        assertThat(stats.sent()).isZero();
        assertThat(stats.failed() + stats.dropped(DropReason.SHUTDOWN)).isEqualTo(1000);
        assertThat(logback.statusMessages(Status.ERROR))
                .anySatisfy(m -> assertThat(m).contains("127.0.0.1:" + port));
        assertThat(logback.statusMessages(Status.WARN))
                .anySatisfy(m -> assertThat(m).contains("stopped").contains("1000 event(s) were not delivered"));
    }

    @Test
    void aFullQueueDropsAndReportsDropsThrottledNotOnePerEvent() throws IOException {
        int port = closedPort();
        logback = unreachable("amqp://guest:guest@127.0.0.1:" + port, "MAX_RETRIES", "1000", "CLOSE_TIMEOUT", "200ms");
        RabbitMqAppender appender = logback.rabbitAppender("RABBIT");
        Logger log = logback.context.getLogger("app");
        // The default queue holds 32768 events; log more than that while nothing can be sent. Out of the queue
        // are at most the batches in flight (maxInFlight 4, waiting for their retries) and the one being built.
        for (int i = 0; i < 50_000; i++) {
            log.info("event {}", i);
        }
        PipelineStats.Snapshot stats = appender.getStats();
        assertThat(stats.dropped(DropReason.QUEUE_FULL)).isGreaterThanOrEqualTo(50_000 - 32_768 - (4 + 1) * 1024);
        logback.context.stop();
        long dropWarnings = logback.statusMessages(Status.WARN).stream().filter(m -> m.startsWith("Dropped")).count();
        assertThat(dropWarnings).isBetween(1L, 3L);
    }
}
