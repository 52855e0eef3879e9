package dev.sluice.log4j2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.runtime.SluiceThread;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.ReceivedMessage;
import dev.sluice.testkit.TestAmqpBroker;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.message.StringMapMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/** End to end: a real log4j2.xml, a real broker (RabbitMQ when reachable, else embedded), real messages. */
class SluiceRabbitMqIT {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private AmqpEndpoint broker;
    private String exchange;
    private AmqpCollector collector;
    private Log4j2Fixture log4j;

    @BeforeEach
    void setUp() {
        broker = TestAmqpBroker.get();
        exchange = "sluice-log4j2-it-" + UUID.randomUUID();
        collector = AmqpCollector.bind(broker, exchange, "topic", true, "#");
    }

    @AfterEach
    void tearDown() {
        ThreadContext.clearAll();
        if (log4j != null) {
            log4j.close();
        }
        collector.close();
        AmqpCollector.deleteExchange(broker, exchange);
    }

    private SluiceRabbitMqAppender start(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(extra);
        props.put("sluice.it.uri", broker.uri());
        props.put("sluice.it.exchange", exchange);
        props.putIfAbsent("sluice.it.format", "json");
        props.putIfAbsent("sluice.it.extract", "false");
        log4j = Log4j2Fixture.start("/log4j2-rabbitmq.xml", props);
        SluiceRabbitMqAppender appender = log4j.appender("rabbit");
        assertThat(appender).as("appender built").isNotNull();
        assertThat(appender.isStarted()).as("appender started").isTrue();
        return appender;
    }

    @Test
    void shipsEachEventWithFieldsRoutingKeyAndProperties() throws Exception {
        start(Map.of());
        Logger log = log4j.logger("com.shop.Orders");
        long before = System.currentTimeMillis();
        Marker audit = MarkerManager.getMarker("AUDIT-" + UUID.randomUUID()).setParents(MarkerManager.getMarker("SECURITY"));
        ThreadContext.put("requestId", "r-42");
        ThreadContext.put("user", "xiao ming");
        log.info(audit, "order {} placed by user={} amount={}", 1001, "alice", new BigDecimal("12.50"));
        ThreadContext.clearAll();
        log.error("payment failed", new IllegalStateException("card declined", new java.io.IOException("timeout")));
        log.info(new StringMapMessage().with("orderId", "1001").with("status", "paid"));

        List<ReceivedMessage> messages = collector.awaitCount(3, Duration.ofSeconds(30));
        ReceivedMessage info = messages.get(0);
        JsonNode i = JSON.readTree(info.body());
        assertThat(i.get("message").asText()).isEqualTo("order 1001 placed by user=alice amount=12.50");
        assertThat(i.get("@version").asText()).isEqualTo("1");
        assertThat(i.get("level").asText()).isEqualTo("INFO");
        assertThat(i.get("level_value").asInt()).isEqualTo(20000);
        assertThat(i.get("logger_name").asText()).isEqualTo("com.shop.Orders");
        assertThat(i.get("thread_name").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(i.get("host").asText()).isNotBlank();
        assertThat(i.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(i.get("project").asText()).isEqualTo("shop");
        assertThat(i.get("application").asText()).isEqualTo("backend");
        assertThat(i.get("team").asText()).isEqualTo("payments");
        assertThat(i.get("requestId").asText()).isEqualTo("r-42");
        assertThat(i.get("user").asText()).isEqualTo("xiao ming");
        assertThat(i.get("tags")).extracting(JsonNode::asText).containsExactly(audit.getName(), "SECURITY");
        assertThat(i.get("caller_class_name").asText()).isEqualTo(SluiceRabbitMqIT.class.getName());
        assertThat(i.get("caller_method_name").asText()).isEqualTo("shipsEachEventWithFieldsRoutingKeyAndProperties");
        assertThat(i.get("caller_line_number").asInt()).isPositive();
        assertThat(i.has("stack_trace")).isFalse();
        long ts = OffsetDateTime.parse(i.get("@timestamp").asText()).toInstant().toEpochMilli();
        assertThat(ts).isBetween(before, System.currentTimeMillis());

        assertThat(info.routingKey()).isEqualTo("backend.INFO");
        assertThat(info.exchange()).isEqualTo(exchange);
        assertThat(info.properties().getContentType()).isEqualTo("application/json");
        assertThat(info.properties().getDeliveryMode()).isEqualTo(2);
        assertThat(info.properties().getAppId()).isEqualTo("backend");
        assertThat(info.properties().getHeaders().get("level").toString()).isEqualTo("INFO");
        assertThat(info.properties().getHeaders().get("logger").toString()).isEqualTo("com.shop.Orders");

        ReceivedMessage error = messages.get(1);
        JsonNode e = JSON.readTree(error.body());
        assertThat(error.routingKey()).isEqualTo("backend.ERROR");
        assertThat(e.get("level_value").asInt()).isEqualTo(40000);
        assertThat(e.get("stack_trace").asText())
                .startsWith("java.lang.IllegalStateException: card declined\n\tat ")
                .contains("Caused by: java.io.IOException: timeout");
        assertThat(e.has("requestId")).isFalse();
        assertThat(e.has("tags")).isFalse();

        JsonNode map = JSON.readTree(messages.get(2).body());
        assertThat(map.get("orderId").asText()).isEqualTo("1001");
        assertThat(map.get("status").asText()).isEqualTo("paid");
    }

    @Test
    void extractionOptionsAreAttributesToo() throws Exception {
        start(Map.of("sluice.it.extract", "true"));
        Logger log = log4j.logger("extract");
        log.info("payment user={} amount={}", "alice", "12.50");
        log.info("{\"orderId\":7,\"status\":\"paid\"}");

        List<ReceivedMessage> messages = collector.awaitCount(2, Duration.ofSeconds(30));
        JsonNode kv = JSON.readTree(messages.get(0).body());
        assertThat(kv.get("user").asText()).isEqualTo("alice");
        assertThat(kv.get("amount").asText()).isEqualTo("12.50");
        JsonNode json = JSON.readTree(messages.get(1).body());
        assertThat(json.get("orderId").asInt()).isEqualTo(7);
        assertThat(json.get("status").asText()).isEqualTo("paid");
    }

    @Test
    void reusableEventsAndMutableArgumentsAreSnapshotAtTheCall() throws Exception {
        start(Map.of());
        Logger log = log4j.logger("mutable");
        StringBuilder changing = new StringBuilder();
        int[] counter = {0};
        Object mutable = new Object() {
            @Override
            public String toString() {
                return "v" + counter[0];
            }
        };
        for (int n = 0; n < 200; n++) {
            changing.setLength(0);
            changing.append("sb").append(n);
            counter[0] = n;
            ThreadContext.put("n", Integer.toString(n));
            log.info("n={} sb={} obj={}", n, changing, mutable);
        }
        changing.setLength(0);
        changing.append("AFTER");
        counter[0] = -1;
        ThreadContext.put("n", "AFTER");

        List<ReceivedMessage> messages = collector.awaitCount(200, Duration.ofSeconds(30));
        for (int n = 0; n < 200; n++) {
            JsonNode m = JSON.readTree(messages.get(n).body());
            assertThat(m.get("message").asText()).isEqualTo("n=" + n + " sb=sb" + n + " obj=v" + n);
            assertThat(m.get("n").asText()).isEqualTo(Integer.toString(n));
        }
    }

    @Test
    void levelsMapToLogstashLevelValuesAndJsonLinesWork() throws Exception {
        start(Map.of("sluice.it.format", "json-lines"));
        Logger log = log4j.logger("levels");
        log.log(Level.FATAL, "f");
        log.warn("w");
        log.debug("d");
        log.trace("filtered out by the root level");
        log4j.context.stop();

        collector.awaitCount(1, Duration.ofSeconds(30));
        collector.awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(10));
        Map<String, Integer> levelValues = new HashMap<>();
        for (ReceivedMessage m : collector.messages()) {
            assertThat(m.properties().getContentType()).isEqualTo("application/x-ndjson");
            for (String line : m.bodyAsString().split("\n")) {
                JsonNode node = JSON.readTree(line);
                levelValues.put(node.get("level").asText(), node.get("level_value").asInt());
            }
        }
        assertThat(levelValues).containsOnly(Map.entry("FATAL", 50000), Map.entry("WARN", 30000), Map.entry("DEBUG", 10000));
    }

    @Test
    void eventsLoggedOnSluiceThreadsAreNeverShipped() throws Exception {
        start(Map.of());
        Logger log = log4j.logger("app");
        log.info("before");
        collector.awaitCount(1, Duration.ofSeconds(30));
        Thread internal = SluiceThread.create("sluice-test-internal",
                () -> log4j.logger("com.rabbitmq.client.impl.Fake").warn("internal diagnostic"));
        internal.start();
        internal.join();
        log.info("after");
        collector.awaitCount(2, Duration.ofSeconds(30));
        collector.awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(10));
        assertThat(collector.messages()).extracting(ReceivedMessage::bodyAsString)
                .noneMatch(b -> b.contains("internal diagnostic"))
                .hasSize(2);
    }

    @Test
    void stoppingTheContextDrainsAndLeavesNoSluiceThread() {
        SluiceRabbitMqAppender appender = start(Map.of());
        Logger log = log4j.logger("drain");
        for (int n = 0; n < 5000; n++) {
            log.info("drain {}", n);
        }
        assertThat(Log4j2Fixture.liveThreads("sluice-rabbit")).isNotEmpty();
        assertThatCode(() -> log4j.context.stop()).doesNotThrowAnyException();

        assertThat(appender.isStopped()).isTrue();
        assertThat(appender.getStats().sent()).isEqualTo(5000);
        assertThat(appender.getStats().droppedTotal()).isZero();
        collector.awaitCount(5000, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(Log4j2Fixture.liveThreads("sluice-rabbit")).isEmpty());
    }
}
