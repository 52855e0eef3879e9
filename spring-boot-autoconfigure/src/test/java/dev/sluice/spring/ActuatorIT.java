package dev.sluice.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.config.Backend;
import dev.sluice.pipeline.DropReason;
import dev.sluice.pipeline.Severity;
import dev.sluice.spring.app.DemoApplication;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.TestAmqpBroker;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/** Micrometer meters and the health contributor of a real Spring Boot 4 application, against known traffic. */
class ActuatorIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "sls-Secret-never-shown";

    private AmqpEndpoint broker;
    private String exchange;
    private AmqpCollector collector;
    private ConfigurableApplicationContext app;

    @BeforeEach
    void setUp() {
        broker = TestAmqpBroker.get();
        exchange = "sluice-actuator-" + UUID.randomUUID();
        collector = AmqpCollector.bind(broker, exchange, "topic", true, "#");
    }

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
        LogbackApps.shutdownLogging();
        collector.close();
        AmqpCollector.deleteExchange(broker, exchange);
    }

    private Map<String, Object> rabbit() {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.application.name", "backend");
        p.put("sluice.rabbitmq.uri", broker.uri());
        p.put("sluice.rabbitmq.exchange", exchange);
        p.put("sluice.linger", "10ms");
        return p;
    }

    /** SLS at a port nobody listens on, with a tiny queue: sends fail, and most events are dropped as "queue full". */
    private static Map<String, Object> unreachableSls() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Map<String, Object> p = new HashMap<>();
        p.put("sluice.sls.endpoint", "http://127.0.0.1:" + closedPort);
        p.put("sluice.sls.project", "shop");
        p.put("sluice.sls.logstore", "backend");
        p.put("sluice.sls.access-key-id", "AKID");
        p.put("sluice.sls.access-key-secret", SECRET);
        p.put("sluice.sls.queue-size", "2");
        p.put("sluice.sls.max-retries", "1000000");
        p.put("sluice.sls.retry-backoff", "5ms");
        p.put("sluice.sls.max-retry-backoff", "10ms");
        p.put("sluice.sls.close-timeout", "100ms"); // nothing can be delivered: do not wait at shutdown
        return p;
    }

    private static double counter(MeterRegistry registry, String name, Backend backend) {
        return registry.get(name).tag("backend", backend.key()).tag("appender", backend.key()).functionCounter().count();
    }

    @Test
    void metersCountKnownTrafficAndKeepCountingAcrossAPipelineReplacement() {
        app = LogbackApps.run(DemoApplication.class, rabbit());
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        // Start-up lines first: wait until everything accepted so far is confirmed.
        await().atMost(WAIT).until(() -> counter(meters, "sluice.events.accepted", Backend.RABBITMQ) > 0
                && counter(meters, "sluice.events.sent", Backend.RABBITMQ)
                == counter(meters, "sluice.events.accepted", Backend.RABBITMQ));
        double before = counter(meters, "sluice.events.accepted", Backend.RABBITMQ);

        for (int i = 0; i < 25; i++) {
            LoggerFactory.getLogger("traffic").info("order {}", i);
        }
        await().atMost(WAIT).until(() -> counter(meters, "sluice.events.sent", Backend.RABBITMQ) == before + 25);
        assertThat(counter(meters, "sluice.events.accepted", Backend.RABBITMQ)).isEqualTo(before + 25);
        assertThat(counter(meters, "sluice.events.failed", Backend.RABBITMQ)).isZero();
        for (DropReason reason : DropReason.values()) {
            assertThat(meters.get("sluice.events.dropped").tag("backend", "rabbitmq").tag("reason", reason.label())
                    .functionCounter().count()).as(reason.label()).isZero();
        }
        for (Severity level : Severity.values()) {
            assertThat(meters.get("sluice.events.dropped.level").tag("backend", "rabbitmq").tag("level", level.name())
                    .functionCounter().count()).as(level.name()).isZero();
        }
        assertThat(meters.get("sluice.queue.depth").tag("backend", "rabbitmq").gauge().value()).isZero();
        assertThat(meters.get("sluice.send").tag("backend", "rabbitmq").functionTimer().count()).isPositive();
        assertThat(meters.get("sluice.send").tag("backend", "rabbitmq").functionTimer()
                .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();

        // A changed setting replaces the pipeline; the new application's meters continue from the old totals.
        app.close();
        Map<String, Object> changed = rabbit();
        changed.put("sluice.rabbitmq.routing-key", "changed.{level}");
        app = LogbackApps.run(DemoApplication.class, changed);
        MeterRegistry after = app.getBean(MeterRegistry.class);
        assertThat(counter(after, "sluice.events.accepted", Backend.RABBITMQ)).isGreaterThanOrEqualTo(before + 25);
        assertThat(counter(after, "sluice.events.sent", Backend.RABBITMQ)).isGreaterThanOrEqualTo(before + 25);
    }

    @Test
    void dropsAreTaggedByReasonAndAFailingBackendTurnsDownWithItsErrorButNoSecret() throws IOException {
        Map<String, Object> p = rabbit();
        p.putAll(unreachableSls());
        p.put("sluice.health.down-after", "0s");
        app = LogbackApps.run(DemoApplication.class, p);
        for (int i = 0; i < 50; i++) {
            LoggerFactory.getLogger("traffic").info("order {}", i);
        }
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        SluicePipelines pipelines = app.getBean(SluicePipelines.class);
        double queueFull = meters.get("sluice.events.dropped").tag("backend", "sls").tag("reason", "queue full")
                .functionCounter().count();
        assertThat(queueFull).isPositive()
                .isLessThanOrEqualTo(pipelines.totals(Backend.SLS).dropped(DropReason.QUEUE_FULL));
        // the 50 INFO events were dropped at the log call: counted by level too, and nothing at ERROR
        double info = meters.get("sluice.events.dropped.level").tag("backend", "sls").tag("level", "INFO")
                .functionCounter().count();
        assertThat(info).isPositive().isLessThanOrEqualTo(pipelines.totals(Backend.SLS).dropped(Severity.INFO));
        assertThat(meters.get("sluice.events.dropped.level").tag("backend", "sls").tag("level", "ERROR")
                .functionCounter().count()).isZero();

        CompositeHealthContributor health = app.getBean("sluiceHealthContributor", CompositeHealthContributor.class);
        HealthIndicator sls = (HealthIndicator) health.getContributor("sls");
        HealthIndicator rabbitHealth = (HealthIndicator) health.getContributor("rabbitmq");
        await().atMost(WAIT).until(() -> sls.health().getStatus().equals(Status.DOWN));
        Health down = sls.health();
        assertThat(down.getDetails()).containsKeys("failingSince", "lastError", "queued", "dropped");
        assertThat(String.valueOf(down.getDetails())).doesNotContain(SECRET);
        await().atMost(WAIT).until(() -> ((Number) rabbitHealth.health().getDetails().get("sent")).longValue() > 0);
        assertThat(rabbitHealth.health().getStatus()).isEqualTo(Status.UP);
    }
}
