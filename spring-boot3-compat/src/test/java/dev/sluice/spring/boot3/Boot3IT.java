package dev.sluice.spring.boot3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.Backend;
import dev.sluice.spring.PipelineRegistry;
import dev.sluice.spring.SluicePipelines;
import dev.sluice.spring.logback.LogbackRegistries;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.ReceivedMessage;
import dev.sluice.testkit.TestAmqpBroker;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The whole integration on Spring Boot 3.5 (the auto-configuration is compiled against Boot 4): start-up,
 * re-initialisation and shutdown lines on the real broker exactly once, metrics, and health on Boot 3's API.
 */
class Boot3IT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AmqpEndpoint broker;
    private String exchange;
    private AmqpCollector collector;
    private ConfigurableApplicationContext app;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    public static class OrderApplication {
        static final String READY = "boot3 order service ready";
        static final String CLOSING = "boot3 order service closing";

        @Bean
        OrderService orderService() {
            return new OrderService();
        }
    }

    public static class OrderService {
        private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

        OrderService() {
            LOG.info(OrderApplication.READY);
        }

        @PreDestroy
        void close() {
            LOG.info(OrderApplication.CLOSING);
        }
    }

    @BeforeEach
    void setUp() {
        broker = TestAmqpBroker.get();
        exchange = "sluice-boot3-" + UUID.randomUUID();
        collector = AmqpCollector.bind(broker, exchange, "topic", true, "#");
    }

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
        shutdownLogging();
        collector.close();
        AmqpCollector.deleteExchange(broker, exchange);
    }

    private static void shutdownLogging() {
        Runnable handler = LoggingSystem.get(Boot3IT.class.getClassLoader()).getShutdownHandler();
        if (handler != null) {
            handler.run();
        }
    }

    private ConfigurableApplicationContext run(Map<String, Object> properties) {
        SpringApplication application = new SpringApplication(OrderApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setMainApplicationClass(OrderApplication.class);
        application.setRegisterShutdownHook(false);
        application.setDefaultProperties(properties);
        return application.run();
    }

    private Map<String, Object> rabbit() {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.application.name", "backend");
        p.put("sluice.identity.project", "shop");
        p.put("sluice.rabbitmq.uri", broker.uri());
        p.put("sluice.rabbitmq.exchange", exchange);
        p.put("sluice.rabbitmq.routing-key", "{application}.{level}");
        p.put("sluice.linger", "10ms");
        return p;
    }

    /** Every message the stopped publisher delivered. */
    private List<String> allMessages() throws Exception {
        List<String> messages = new ArrayList<>();
        for (ReceivedMessage m : collector.receivedBeforeMarker(broker, WAIT)) {
            messages.add(JSON.readTree(m.bodyAsString()).path("message").asText());
        }
        return messages;
    }

    private static long count(List<String> messages, String prefix) {
        return messages.stream().filter(m -> m.startsWith(prefix)).count();
    }

    private static PipelineRegistry registry() {
        return LogbackRegistries.obtain((LoggerContext) LoggerFactory.getILoggerFactory());
    }

    @Test
    void startUpReinitialisationAndShutdownLinesArriveExactlyOnceOnBoot35() throws Exception {
        assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
        app = run(rabbit());
        var pipeline = registry().pipelines().get(Backend.RABBITMQ);

        // Spring Cloud-style re-initialisation on Boot 3.5's Logback logging system.
        LoggingSystem system = LoggingSystem.get(Boot3IT.class.getClassLoader());
        system.cleanUp();
        system.initialize(new LoggingInitializationContext(app.getEnvironment()), null, null);
        LoggerFactory.getLogger("after.reinit").info("logged after re-initialisation");
        assertThat(registry().pipelines().get(Backend.RABBITMQ)).isSameAs(pipeline);
        assertThat(registry().target().attachedCount(Backend.RABBITMQ)).isEqualTo(1);

        app.close();
        app = null;
        shutdownLogging();
        assertThat(pipeline.isStopped()).isTrue();

        List<String> messages = allMessages();
        assertThat(count(messages, "Starting Boot3IT.OrderApplication")).isEqualTo(1);
        assertThat(count(messages, OrderApplication.READY)).isEqualTo(1);
        assertThat(count(messages, "logged after re-initialisation")).isEqualTo(1);
        assertThat(count(messages, OrderApplication.CLOSING)).isEqualTo(1);
        assertThat(collector.messages().get(0).routingKey()).startsWith("backend.");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("sluice-"));
    }

    @Test
    void metricsAndBoot3HealthPerBackend() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Map<String, Object> p = rabbit();
        p.put("sluice.sls.endpoint", "http://127.0.0.1:" + closedPort);
        p.put("sluice.sls.project", "shop");
        p.put("sluice.sls.logstore", "backend");
        p.put("sluice.sls.access-key-id", "AKID");
        p.put("sluice.sls.access-key-secret", "boot3-Secret-never-shown");
        p.put("sluice.sls.retry-backoff", "5ms");
        p.put("sluice.sls.max-retry-backoff", "10ms");
        p.put("sluice.sls.max-retries", "1000000");
        p.put("sluice.sls.close-timeout", "100ms");
        p.put("sluice.health.down-after", "0s");
        app = run(p);

        MeterRegistry meters = app.getBean(MeterRegistry.class);
        SluicePipelines pipelines = app.getBean(SluicePipelines.class);
        await().atMost(WAIT).until(() -> meters.get("sluice.events.sent").tag("backend", "rabbitmq").functionCounter()
                .count() >= 1);
        assertThat(meters.get("sluice.events.accepted").tag("backend", "sls").functionCounter().count())
                .isEqualTo(pipelines.totals(Backend.SLS).accepted());

        CompositeHealthContributor health = app.getBean("sluiceHealthContributor", CompositeHealthContributor.class);
        HealthIndicator sls = (HealthIndicator) health.getContributor("sls");
        HealthIndicator rabbit = (HealthIndicator) health.getContributor("rabbitmq");
        await().atMost(WAIT).until(() -> sls.health().getStatus().equals(Status.DOWN));
        assertThat(sls.health().getDetails()).containsKeys("failingSince", "lastError");
        assertThat(String.valueOf(sls.health().getDetails())).doesNotContain("boot3-Secret-never-shown");
        assertThat(rabbit.health().getStatus()).isEqualTo(Status.UP);
    }
}
