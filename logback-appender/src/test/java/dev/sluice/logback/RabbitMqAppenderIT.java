package dev.sluice.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonParser;
import dev.sluice.pipeline.DropReason;
import dev.sluice.pipeline.PipelineStats;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.ReceivedMessage;
import dev.sluice.testkit.TestAmqpBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** End to end: a real logback.xml, a real broker (RabbitMQ when reachable, else embedded), real messages. */
class RabbitMqAppenderIT {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private AmqpEndpoint broker;
    private String exchange;
    private AmqpCollector collector;
    private LogbackFixture logback;

    @BeforeEach
    void setUp() {
        broker = TestAmqpBroker.get();
        exchange = "sluice-it-" + UUID.randomUUID();
        collector = AmqpCollector.bind(broker, exchange, "topic", true, "#");
    }

    @AfterEach
    void tearDown() {
        MDC.clear();
        if (logback != null) {
            logback.close();
        }
        collector.close();
        AmqpCollector.deleteExchange(broker, exchange);
    }

    private LogbackFixture start(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(extra);
        props.put("AMQP_URI", broker.uri());
        props.put("EXCHANGE", exchange);
        logback = LogbackFixture.configure("/logback-rabbitmq.xml", props);
        assertThat(logback.rabbitAppender("RABBIT").isStarted()).as("appender started").isTrue();
        return logback;
    }

    private static JsonNode parseStrict(byte[] body) throws Exception {
        // Valid UTF-8 first: Jackson alone would accept some malformed input.
        StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body));
        return JSON.readTree(body);
    }

    /**
     * Issue 10, defect 4: a logger name of 140,000 chars made amqp-client refuse the message
     * ("Content headers exceeded max frame size") in the middle of a batch; the batch was retried
     * whole, so the events before it arrived once per attempt, those after it never, and all counted
     * as failed. Its {@code logger} header is now cut (the body keeps the full name).
     */
    @Test
    void aHugeLoggerNameNeitherPoisonsItsBatchNorDuplicatesTheOthers() throws Exception {
        start(Map.of());
        RabbitMqAppender appender = logback.rabbitAppender("RABBIT");
        String hugeName = "com.shop." + "x".repeat(140_000);
        for (int i = 0; i < 7; i++) {
            logback.context.getLogger(i == 3 ? hugeName : "com.shop.Orders").info("event {}", i);
        }
        logback.context.stop();

        List<ReceivedMessage> received = collector.receivedBeforeMarker(broker, Duration.ofSeconds(30));
        Map<String, Integer> times = new HashMap<>();
        ReceivedMessage huge = null;
        for (ReceivedMessage m : received) {
            JsonNode json = parseStrict(m.body());
            times.merge(json.get("message").asText(), 1, Integer::sum);
            if (json.get("logger_name").asText().equals(hugeName)) {
                huge = m;
            }
        }
        Map<String, Integer> once = new HashMap<>();
        for (int i = 0; i < 7; i++) {
            once.put("event " + i, 1);
        }
        assertThat(times).as("each event arrives exactly once").isEqualTo(once);
        assertThat(huge).as("the event with the huge logger name, its full name in the body").isNotNull();
        assertThat(huge.properties().getHeaders().get("logger").toString())
                .startsWith("com.shop.xxx").hasSizeLessThan(1_100);
        PipelineStats.Snapshot stats = appender.getStats();
        assertThat(stats.sent()).isEqualTo(7);
        assertThat(stats.failed()).isZero();
        assertThat(stats.retries()).isZero();
        assertThat(stats.droppedTotal()).isZero();
    }

    @Test
    void shipsEachEventWithFieldsRoutingKeyAndProperties() throws Exception {
        start(Map.of());
        Logger log = logback.context.getLogger("com.shop.Orders");
        long before = System.currentTimeMillis();
        MDC.put("requestId", "r-42");
        MDC.put("user", "xiao ming");
        log.atInfo().addMarker(MarkerFactory.getMarker("AUDIT")).addKeyValue("orderId", 1001)
                .log("order {} placed by user={} amount={}", 1001, "alice", new java.math.BigDecimal("12.50"));
        MDC.clear();
        log.error("payment failed", new IllegalStateException("card declined", new java.io.IOException("timeout")));

        List<ReceivedMessage> messages = collector.awaitCount(2, Duration.ofSeconds(30));
        ReceivedMessage info = messages.get(0);
        ReceivedMessage error = messages.get(1);

        JsonNode i = parseStrict(info.body());
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
        assertThat(i.get("orderId").asText()).isEqualTo("1001");
        assertThat(i.get("tags").get(0).asText()).isEqualTo("AUDIT");
        assertThat(i.get("caller_class_name").asText()).isEqualTo(RabbitMqAppenderIT.class.getName());
        assertThat(i.get("caller_method_name").asText()).isEqualTo("shipsEachEventWithFieldsRoutingKeyAndProperties");
        assertThat(i.has("stack_trace")).isFalse();
        long ts = OffsetDateTime.parse(i.get("@timestamp").asText()).toInstant().toEpochMilli();
        assertThat(ts).isBetween(before, System.currentTimeMillis());

        assertThat(info.routingKey()).isEqualTo("backend.INFO");
        assertThat(info.exchange()).isEqualTo(exchange);
        assertThat(info.properties().getContentType()).isEqualTo("application/json");
        assertThat(info.properties().getDeliveryMode()).isEqualTo(2);
        assertThat(info.properties().getAppId()).isEqualTo("backend");
        assertThat(info.properties().getTimestamp().getTime() / 1000).isEqualTo(ts / 1000);
        assertThat(info.properties().getHeaders().get("level").toString()).isEqualTo("INFO");
        assertThat(info.properties().getHeaders().get("logger").toString()).isEqualTo("com.shop.Orders");

        JsonNode e = parseStrict(error.body());
        assertThat(error.routingKey()).isEqualTo("backend.ERROR");
        assertThat(e.get("level").asText()).isEqualTo("ERROR");
        assertThat(e.get("stack_trace").asText())
                .startsWith("java.lang.IllegalStateException: card declined\n\tat ")
                .contains("Caused by: java.io.IOException: timeout");
        assertThat(e.has("requestId")).isFalse();
    }

    @Test
    void hundredThousandEventsAreAllConfirmedAtStopNoneLostNoneDuplicated() {
        start(Map.of("QUEUE_SIZE", "131072"));
        Logger log = logback.context.getLogger("bulk");
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            log.info("event {}", i);
        }
        RabbitMqAppender appender = logback.rabbitAppender("RABBIT");
        logback.context.stop();

        PipelineStats.Snapshot stats = appender.getStats();
        assertThat(stats.accepted()).isEqualTo(n);
        assertThat(stats.sent()).as(stats + "; status: " + logback.sluiceStatusText()).isEqualTo(n);
        assertThat(stats.droppedTotal()).isZero();
        assertThat(stats.failed()).isZero();

        collector.awaitCount(n, Duration.ofSeconds(120));
        collector.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(30));
        List<ReceivedMessage> messages = collector.messages();
        Set<String> distinct = new HashSet<>();
        for (ReceivedMessage m : messages) {
            distinct.add(m.bodyAsString().replaceAll("(?s).*\"message\":\"(event \\d+)\".*", "$1"));
        }
        assertThat(messages).hasSize(n);
        assertThat(distinct).hasSize(n).contains("event 0", "event 99999");
    }

    @Test
    void hostileInputGivesValidJsonAndNeverThrowsIntoTheCaller() throws Exception {
        start(Map.of());
        Logger log = logback.context.getLogger("hostile");
        Exception cyclicA = new Exception("a");
        Exception cyclicB = new Exception("b", cyclicA);
        cyclicA.initCause(cyclicB);
        // Logback itself calls an overridden toString() once, inside Logger.error and before any
        // appender runs; a toString() that always throws therefore fails in Logback's own code. What
        // an appender can guarantee is that it never calls it again: this one throws from then on.
        java.util.concurrent.atomic.AtomicInteger toStringCalls = new java.util.concurrent.atomic.AtomicInteger();
        RuntimeException toStringThrows = new RuntimeException("bad toString") {
            private static final long serialVersionUID = 1L;

            @Override
            public String toString() {
                if (toStringCalls.incrementAndGet() > 1) {
                    throw new IllegalStateException("toString exploded");
                }
                return super.toString();
            }
        };
        Object argToStringThrows = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("arg toString exploded");
            }
        };
        String big = "x".repeat(5 * 1024 * 1024);

        assertThatCode(() -> {
            log.info(null);
            log.info("");
            log.info(big);
            log.info("nul\u0000 ctrl\u0001\u001f lone-high\uD800 lone-low\uDC00 emoji\uD83D\uDE00 end");
            MDC.put("present", "yes");
            MDC.put("absent", null);
            log.info("mdc with null value");
            MDC.clear();
            log.error("throwable whose toString throws", toStringThrows);
            log.error("cyclic cause chain", cyclicA);
            log.info("argument whose toString throws: {}", argToStringThrows);
            log.info("last");
        }).doesNotThrowAnyException();

        List<ReceivedMessage> messages = collector.awaitCount(9, Duration.ofSeconds(30));
        for (ReceivedMessage m : messages) {
            assertThatCode(() -> parseStrict(m.body())).as(m.toString()).doesNotThrowAnyException();
        }
        JsonNode nullMessage = parseStrict(messages.get(0).body());
        assertThat(nullMessage.get("message").isNull()).isTrue();
        assertThat(parseStrict(messages.get(1).body()).get("message").asText()).isEmpty();
        String truncated = parseStrict(messages.get(2).body()).get("message").asText();
        assertThat(truncated).hasSizeLessThan(big.length()).contains("...[truncated ");
        assertThat(parseStrict(messages.get(3).body()).get("message").asText())
                .isEqualTo("nul\u0000 ctrl\u0001\u001f lone-high\uFFFD lone-low\uFFFD emoji\uD83D\uDE00 end");
        JsonNode mdc = parseStrict(messages.get(4).body());
        assertThat(mdc.get("present").asText()).isEqualTo("yes");
        assertThat(mdc.has("absent")).isFalse();
        assertThat(parseStrict(messages.get(5).body()).get("stack_trace").asText()).contains("bad toString");
        assertThat(parseStrict(messages.get(6).body()).get("stack_trace").asText()).contains("CIRCULAR REFERENCE");
        assertThat(parseStrict(messages.get(7).body()).get("message").asText()).contains("FAILED toString()");
        assertThat(parseStrict(messages.get(8).body()).get("message").asText()).isEqualTo("last");
        assertThat(logback.rabbitAppender("RABBIT").getStats().droppedTotal()).isZero();
    }

    @Test
    void jsonLinesFormatSendsOneMessagePerBatch() throws Exception {
        start(Map.of("FORMAT", "json-lines"));
        Logger log = logback.context.getLogger("lines");
        for (int i = 0; i < 50; i++) {
            log.info("line {}", i);
        }
        logback.context.stop();
        collector.awaitCount(1, Duration.ofSeconds(30));
        collector.awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(10));
        int lines = 0;
        for (ReceivedMessage m : collector.messages()) {
            assertThat(m.properties().getContentType()).isEqualTo("application/x-ndjson");
            assertThat(m.routingKey()).isEqualTo("backend.INFO");
            for (String line : m.bodyAsString().split("\n")) {
                assertThat(parseStrict(line.getBytes(StandardCharsets.UTF_8)).get("message").asText()).isEqualTo("line " + lines);
                lines++;
            }
        }
        assertThat(lines).isEqualTo(50);
        assertThat(collector.count()).isLessThan(50);
    }

    @Test
    void trailingSlashInUriWarnsAboutTheEmptyVirtualHost() {
        Map<String, String> props = new HashMap<>();
        props.put("AMQP_URI", broker.uri() + "/");
        props.put("EXCHANGE", exchange);
        logback = LogbackFixture.configure("/logback-rabbitmq.xml", props);
        assertThat(logback.statusMessages(Status.WARN))
                .anySatisfy(m -> assertThat(m).contains("'uri'").contains("EMPTY virtual host"));
    }

    @Test
    void eventsLoggedOnSluiceThreadsAreNeverShippedSoTheLibraryCannotLogIntoItself() throws Exception {
        start(Map.of());
        Logger log = logback.context.getLogger("app");
        log.info("before");
        collector.awaitCount(1, Duration.ofSeconds(30));

        // Every thread amqp-client runs for this appender is a SluiceThread.
        List<Thread> amqpThreads = new java.util.ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("sluice-RABBIT")) {
                amqpThreads.add(t);
            }
        }
        assertThat(amqpThreads).isNotEmpty().allSatisfy(t -> assertThat(t).isInstanceOf(dev.sluice.runtime.SluiceThread.class));

        // What a transport library logs on such a thread is not shipped (it could loop or deadlock).
        Thread internal = dev.sluice.runtime.SluiceThread.create("sluice-test-internal",
                () -> logback.context.getLogger("com.rabbitmq.client.impl.Fake").warn("internal diagnostic"));
        internal.start();
        internal.join();
        log.info("after");
        collector.awaitCount(2, Duration.ofSeconds(30));
        collector.awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(10));
        assertThat(collector.messages()).extracting(ReceivedMessage::bodyAsString)
                .noneMatch(b -> b.contains("internal diagnostic"))
                .hasSize(2);
    }

    static void assertNoSecret(LogbackFixture f, String secret) {
        assertThat(f.sluiceStatusText()).doesNotContain(secret);
    }

    static boolean isCharsetValid(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static long undelivered(PipelineStats.Snapshot s) {
        return s.failed() + s.dropped(DropReason.SHUTDOWN) + s.dropped(DropReason.QUEUE_FULL);
    }
}
