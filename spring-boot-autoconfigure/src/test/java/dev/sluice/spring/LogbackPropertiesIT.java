package dev.sluice.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.Backend;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.spring.app.DemoApplication;
import dev.sluice.spring.app.FailingApplication;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.ReceivedMessage;
import dev.sluice.testkit.TestAmqpBroker;
import dev.sluice.testkit.sls.ReceivedLog;
import dev.sluice.testkit.sls.SlsReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real Spring Boot applications on Logback, configured by sluice.* properties only. */
class LogbackPropertiesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "sls-Secret-never-shown";
    private static final Duration WAIT_FOR_MARKER = Duration.ofSeconds(30);

    private AmqpEndpoint broker;
    private String exchange;
    private AmqpCollector collector;
    private SlsReceiver sls;
    private ConfigurableApplicationContext app;

    @BeforeEach
    void setUp() {
        broker = TestAmqpBroker.get();
        exchange = "sluice-spring-" + UUID.randomUUID();
        collector = AmqpCollector.bind(broker, exchange, "topic", true, "#");
        sls = SlsReceiver.builder().port(0).key("AKID", SECRET).start();
    }

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
        LogbackApps.shutdownLogging();
        collector.close();
        AmqpCollector.deleteExchange(broker, exchange);
        sls.close();
    }

    private Map<String, Object> rabbit() {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.application.name", "backend");
        p.put("sluice.identity.project", "shop");
        p.put("sluice.rabbitmq.uri", broker.uri());
        p.put("sluice.rabbitmq.exchange", exchange);
        p.put("sluice.rabbitmq.routing-key", "{application}.{level}");
        p.put("sluice.linger", "20ms");
        return p;
    }

    private Map<String, Object> slsProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put("sluice.sls.endpoint", sls.endpoint());
        p.put("sluice.sls.project", "shop");
        p.put("sluice.sls.logstore", "backend");
        p.put("sluice.sls.access-key-id", "AKID");
        p.put("sluice.sls.access-key-secret", SECRET);
        return p;
    }

    private static List<String> bodies(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::bodyAsString).toList();
    }

    private static List<String> messagesOf(List<String> bodies) throws IOException {
        List<String> messages = new ArrayList<>();
        for (String body : bodies) {
            messages.add(JSON.readTree(body).path("message").asText());
        }
        return messages;
    }

    private static long count(List<String> messages, String prefix) {
        return messages.stream().filter(m -> m.startsWith(prefix)).count();
    }

    private void stopAll() {
        app.close();
        app = null;
        LogbackApps.shutdownLogging();
    }

    @Test
    void propertiesAloneShipStartupApplicationAndPreDestroyLinesExactlyOnceToBothBackends() throws Exception {
        Map<String, Object> p = rabbit();
        p.putAll(slsProperties());
        app = LogbackApps.run(DemoApplication.class, p);
        assertThat(LogbackApps.attached(Backend.RABBITMQ)).isEqualTo(1);
        assertThat(LogbackApps.attached(Backend.SLS)).isEqualTo(1);
        stopAll();

        List<String> bodies = bodies(collector.receivedBeforeMarker(broker, WAIT_FOR_MARKER));
        List<String> messages = messagesOf(bodies);
        assertThat(count(messages, "Starting DemoApplication")).isEqualTo(1);
        assertThat(count(messages, DemoApplication.APP_LINE)).isEqualTo(1);
        assertThat(count(messages, DemoApplication.PRE_DESTROY_LINE)).isEqualTo(1);
        JsonNode starting = bodies.stream().map(LogbackPropertiesIT::tree)
                .filter(n -> n.path("message").asText().startsWith("Starting DemoApplication")).findFirst().orElseThrow();
        assertThat(starting.path("application").asText()).isEqualTo("backend");
        assertThat(starting.path("project").asText()).isEqualTo("shop");
        assertThat(collector.messages().get(0).routingKey()).startsWith("backend.");

        List<String> slsMessages = sls.logs("shop", "backend").stream().map(l -> l.get("message")).toList();
        assertThat(count(slsMessages, "Starting DemoApplication")).isEqualTo(1);
        assertThat(count(slsMessages, DemoApplication.APP_LINE)).isEqualTo(1);
        assertThat(count(slsMessages, DemoApplication.PRE_DESTROY_LINE)).isEqualTo(1);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("sluice-"));
    }

    private static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFailedStartupIsShipped() throws Exception {
        assertThatThrownBy(() -> LogbackApps.run(FailingApplication.class, rabbit()))
                .hasStackTraceContaining(FailingApplication.FAILURE);
        LogbackApps.shutdownLogging();

        List<String> bodies = bodies(collector.receivedBeforeMarker(broker, WAIT_FOR_MARKER));
        assertThat(bodies).anyMatch(b -> tree(b).path("stack_trace").asText().contains(FailingApplication.FAILURE));
    }

    @Test
    void yamlBinding(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("application.yml");
        Files.writeString(yaml, String.join("\n",
                "spring:",
                "  application:",
                "    name: backend",
                "sluice:",
                "  identity:",
                "    project: shop",
                "  linger: 20ms",
                "  rabbitmq:",
                "    uri: " + broker.uri(),
                "    exchange: " + exchange,
                "    routing-key: \"{application}.{level}\"",
                ""));
        app = LogbackApps.run(DemoApplication.class, Map.of("spring.config.import", "file:" + yaml));
        stopAll();

        List<String> bodies = bodies(collector.receivedBeforeMarker(broker, WAIT_FOR_MARKER));
        assertThat(count(messagesOf(bodies), DemoApplication.APP_LINE)).isEqualTo(1);
        assertThat(tree(bodies.get(0)).path("project").asText()).isEqualTo("shop");
    }

    @Test
    void environmentVariableBinding() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("SLUICE_RABBITMQ_URI", broker.uri(),
                                "SLUICE_RABBITMQ_EXCHANGE", exchange,
                                "SLUICE_RABBITMQ_ROUTING_KEY", "env.{level}",
                                "SLUICE_IDENTITY_PROJECT", "shop")));
        app = LogbackApps.run(DemoApplication.class, Map.of(), environment);
        assertThat(LogbackApps.errors()).noneMatch(m -> m.contains("Sluice"));
        stopAll();

        bodies(collector.receivedBeforeMarker(broker, WAIT_FOR_MARKER));
        assertThat(collector.messages().get(0).routingKey()).startsWith("env.");
    }

    @Test
    void loggingReinitialisationKeepsOneAppenderAndThePipeline() throws Exception {
        app = LogbackApps.run(DemoApplication.class, rabbit());
        LogPipeline before = LogbackApps.pipeline(Backend.RABBITMQ);
        assertThat(before).isNotNull();

        // As Spring Cloud's bootstrap does when logging.config changes.
        LoggingSystem system = LoggingSystem.get(getClass().getClassLoader());
        system.cleanUp();
        system.initialize(new LoggingInitializationContext(app.getEnvironment()), null, null);
        LoggerFactory.getLogger("after.reinit").info("logged after re-initialisation");

        assertThat(LogbackApps.attached(Backend.RABBITMQ)).isEqualTo(1);
        assertThat(LogbackApps.pipeline(Backend.RABBITMQ)).isSameAs(before);
        assertThat(before.isStopped()).isFalse();

        // A plain Logback reset, too.
        LogbackApps.context().reset();
        assertThat(LogbackApps.attached(Backend.RABBITMQ)).isEqualTo(1);
        LoggerFactory.getLogger("after.reset").info("logged after reset");
        stopAll();

        List<String> messages = messagesOf(bodies(collector.receivedBeforeMarker(broker, WAIT_FOR_MARKER)));
        assertThat(count(messages, "logged after re-initialisation")).isEqualTo(1);
        assertThat(count(messages, "logged after reset")).isEqualTo(1);
        assertThat(count(messages, DemoApplication.APP_LINE)).isEqualTo(1);
        assertThat(before.isStopped()).isTrue();
    }

    @Test
    void aSecondApplicationInTheSameJvmReusesAnUnchangedPipelineAndReplacesAChangedOne() throws Exception {
        app = LogbackApps.run(DemoApplication.class, rabbit());
        LogPipeline first = LogbackApps.pipeline(Backend.RABBITMQ);
        app.close(); // as devtools restarts: the context closes, logging is not shut down
        app = LogbackApps.run(DemoApplication.class, rabbit());
        assertThat(LogbackApps.pipeline(Backend.RABBITMQ)).isSameAs(first);
        assertThat(LogbackApps.attached(Backend.RABBITMQ)).isEqualTo(1);

        app.close();
        Map<String, Object> changed = rabbit();
        changed.put("sluice.rabbitmq.routing-key", "changed.{level}");
        app = LogbackApps.run(DemoApplication.class, changed);
        LogPipeline second = LogbackApps.pipeline(Backend.RABBITMQ);
        assertThat(second).isNotSameAs(first);
        assertThat(first.isStopped()).isTrue();
        // Totals survive the replacement (metrics must not go backwards).
        long secondBefore = second.stats().accepted();
        long total = app.getBean(SluicePipelines.class).totals(Backend.RABBITMQ).accepted();
        long secondAfter = second.stats().accepted();
        assertThat(total).isBetween(first.stats().accepted() + secondBefore, first.stats().accepted() + secondAfter);
        assertThat(LogbackApps.attached(Backend.RABBITMQ)).isEqualTo(1);
        stopAll();

        List<String> messages = messagesOf(bodies(collector.receivedBeforeMarker(broker, WAIT_FOR_MARKER)));
        assertThat(count(messages, DemoApplication.APP_LINE)).isEqualTo(3);
        assertThat(count(messages, DemoApplication.PRE_DESTROY_LINE)).isEqualTo(3);
    }

    @Test
    void disabledOrWithoutTargetAttachesNothing() {
        Map<String, Object> disabled = rabbit();
        disabled.put("sluice.enabled", "false");
        app = LogbackApps.run(DemoApplication.class, disabled);
        assertThat(LogbackApps.attached(Backend.RABBITMQ)).isZero();
        assertThat(app.getBeanNamesForType(SluicePipelines.class)).isEmpty();
        app.close();

        Map<String, Object> backendOff = rabbit();
        backendOff.put("sluice.rabbitmq.enabled", "false");
        app = LogbackApps.run(DemoApplication.class, backendOff);
        assertThat(LogbackApps.attached(Backend.RABBITMQ)).isZero();
        app.close();

        app = LogbackApps.run(DemoApplication.class, Map.of("sluice.identity.project", "shop"));
        assertThat(LogbackApps.attached(Backend.RABBITMQ)).isZero();
        assertThat(LogbackApps.attached(Backend.SLS)).isZero();
        assertThat(app.getBean(SluicePipelines.class).pipelines()).isEmpty();
    }

    @Test
    void aBadValueIsReportedNamingThePropertyAndTheApplicationStartsWithoutThatBackend() {
        Map<String, Object> p = rabbit();
        p.putAll(slsProperties());
        p.put("sluice.sls.batch-size", "lots");
        p.put("sluice.sls.access-key-secret", SECRET);
        app = LogbackApps.run(DemoApplication.class, p);
        assertThat(LogbackApps.errors()).anyMatch(m -> m.contains("sluice.sls.batch-size")
                && m.contains("expected a whole number"));
        assertThat(LogbackApps.attached(Backend.SLS)).isZero();
        assertThat(LogbackApps.attached(Backend.RABBITMQ)).isEqualTo(1);
        assertThat(LogbackApps.statuses(0)).noneMatch(m -> m.contains(SECRET) || m.contains("guest:guest"));
    }

    @Test
    void aValueTheCoreRejectsIsReportedNamingTheProperty() {
        Map<String, Object> p = rabbit();
        p.put("sluice.rabbitmq.batch-size", "0");
        app = LogbackApps.run(DemoApplication.class, p);
        assertThat(LogbackApps.errors()).anyMatch(m -> m.contains("sluice.rabbitmq.batch-size"));
        assertThat(LogbackApps.attached(Backend.RABBITMQ)).isZero();
    }

    @Test
    void unknownPropertiesAreReportedWithTheClosestKnownOne() {
        Map<String, Object> p = rabbit();
        p.put("sluice.rabbitmq.routng-key", "x");
        app = LogbackApps.run(DemoApplication.class, p);
        assertThat(LogbackApps.errors()).anyMatch(m -> m.contains("sluice.rabbitmq.routng-key")
                && m.contains("did you mean 'sluice.rabbitmq.routing-key'"));
    }

    @Test
    void strictFailsStartupNamingTheProperty() {
        Map<String, Object> p = rabbit();
        p.put("sluice.strict", "true");
        p.put("sluice.queue-size", "many");
        assertThatThrownBy(() -> LogbackApps.run(DemoApplication.class, p))
                .hasStackTraceContaining("sluice.queue-size");

        Map<String, Object> core = rabbit();
        core.put("sluice.strict", "true");
        core.put("sluice.rabbitmq.batch-size", "0");
        assertThatThrownBy(() -> LogbackApps.run(DemoApplication.class, core))
                .hasStackTraceContaining("sluice.rabbitmq.batch-size");

        Map<String, Object> unknown = rabbit();
        unknown.put("sluice.strict", "true");
        unknown.put("sluice.rabbitmq.routng-key", "x");
        assertThatThrownBy(() -> LogbackApps.run(DemoApplication.class, unknown))
                .hasStackTraceContaining("did you mean 'sluice.rabbitmq.routing-key'");
    }

    @Test
    void aMinimumLevelPerBackend() throws Exception {
        Map<String, Object> p = rabbit();
        p.putAll(slsProperties());
        p.put("sluice.sls.level", "WARN");
        app = LogbackApps.run(DemoApplication.class, p);
        LoggerFactory.getLogger("levels").warn("a warning for both");
        LoggerFactory.getLogger("levels").info("info for rabbitmq only");
        stopAll();

        List<String> slsMessages = sls.logs("shop", "backend").stream().map(ReceivedLog::fields)
                .map(f -> f.get("message")).toList();
        assertThat(slsMessages).containsExactly("a warning for both");
        List<String> rabbitMessages = messagesOf(bodies(collector.receivedBeforeMarker(broker, WAIT_FOR_MARKER)));
        assertThat(rabbitMessages).contains("a warning for both", "info for rabbitmq only");
    }

    @Test
    void aBrokerThatIsDownDelaysNothing() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> p = rabbit();
        p.put("sluice.rabbitmq.uri", "amqp://guest:guest@127.0.0.1:" + closedPort);
        p.put("sluice.close-timeout", "200ms");
        app = LogbackApps.run(DemoApplication.class, p);

        // The start returned with the connection never made: the start-up lines are waiting in the queue.
        LogPipeline pipeline = LogbackApps.pipeline(Backend.RABBITMQ);
        assertThat(pipeline.stats().sent()).isZero();
        assertThat(pipeline.stats().accepted()).isGreaterThan(0);
        assertThat(LogbackApps.statuses(0)).noneMatch(m -> m.contains("guest:guest"));
        stopAll();
        assertThat(pipeline.stats().sent()).isZero();
        assertThat(pipeline.stats().droppedTotal() + pipeline.stats().failed()).isGreaterThan(0);
    }

    @Test
    void anAppenderDeclaredInTheLoggingConfigurationWinsAndThePropertiesSaySo() throws Exception {
        Map<String, Object> p = rabbit();
        p.put("logging.config", "classpath:logback-declared.xml");
        p.put("test.amqp-uri", broker.uri());
        p.put("test.exchange", exchange);
        app = LogbackApps.run(DemoApplication.class, p);

        assertThat(LogbackApps.attached(Backend.RABBITMQ)).isZero();
        assertThat(LogbackApps.context().getLogger("ROOT").getAppender("DECLARED"))
                .isInstanceOf(dev.sluice.logback.RabbitMqAppender.class);
        assertThat(LogbackApps.statuses(0)).filteredOn(m -> m.contains("declares its own rabbitmq appender")).hasSize(1);
        stopAll();

        List<String> messages = messagesOf(bodies(collector.receivedBeforeMarker(broker, WAIT_FOR_MARKER)));
        assertThat(count(messages, DemoApplication.APP_LINE)).isEqualTo(1);
    }

    @Test
    void onlyTheConfiguredLoggersAreShipped() throws Exception {
        Map<String, Object> p = rabbit();
        p.put("sluice.loggers", "com.shop");
        app = LogbackApps.run(DemoApplication.class, p);
        LoggerFactory.getLogger("com.shop.Orders").info("a shop line");
        LoggerFactory.getLogger("org.elsewhere").info("a line from elsewhere");
        stopAll();

        assertThat(messagesOf(bodies(collector.receivedBeforeMarker(broker, WAIT_FOR_MARKER)))).containsExactly("a shop line");
    }
}
