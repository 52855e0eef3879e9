package dev.sluice.logback;

import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pipeline.PipelineStats;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.ReceivedMessage;
import dev.sluice.testkit.TestAmqpBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Extraction and repeat collapsing configured in a real logback.xml, delivered through a real broker. */
class ExtractionIT {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private AmqpEndpoint broker;
    private String exchange;
    private AmqpCollector collector;
    private LogbackFixture logback;

    @BeforeEach
    void setUp() {
        broker = TestAmqpBroker.get();
        exchange = "sluice-extract-it-" + UUID.randomUUID();
        collector = AmqpCollector.bind(broker, exchange, "topic", true, "#");
    }

    @AfterEach
    void tearDown() {
        if (logback != null) {
            logback.close();
        }
        collector.close();
        AmqpCollector.deleteExchange(broker, exchange);
    }

    private Logger start(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(extra);
        props.put("AMQP_URI", broker.uri());
        props.put("EXCHANGE", exchange);
        logback = LogbackFixture.configure("/logback-extract.xml", props);
        assertThat(logback.rabbitAppender("RABBIT").isStarted()).as("appender started").isTrue();
        return logback.context.getLogger("com.shop.Payments");
    }

    private JsonNode receivedOne() throws Exception {
        List<ReceivedMessage> messages = collector.awaitCount(1, Duration.ofSeconds(30));
        return JSON.readTree(messages.get(0).body());
    }

    @Test
    void jsonMessageBecomesTypedFieldsAndTheMessageIsDropped() throws Exception {
        Logger log = start(Map.of());
        log.info("{}", "{\"user\":\"xiao ming\",\"amount\":12.5,\"reason\":103,\"vip\":true,"
                + "\"cart\":{\"items\":[\"tea\",2]},\"level\":\"custom\",\"project\":\"other\"}");

        JsonNode j = receivedOne();
        assertThat(j.has("message")).isFalse();
        assertThat(j.get("user").asText()).isEqualTo("xiao ming");
        assertThat(j.get("amount").isNumber()).isTrue();
        assertThat(j.get("amount").asDouble()).isEqualTo(12.5);
        assertThat(j.get("reason").isIntegralNumber()).isTrue();
        assertThat(j.get("vip").booleanValue()).isTrue();
        assertThat(j.get("cart").get("items").get(0).asText()).isEqualTo("tea");
        assertThat(j.get("level").asText()).isEqualTo("INFO");
        assertThat(j.get("level_json").asText()).isEqualTo("custom");
        assertThat(j.get("project").asText()).isEqualTo("shop");
        assertThat(j.get("project_json").asText()).isEqualTo("other");
    }

    @Test
    void keyValueMessageBecomesFieldsWithTheConfiguredSeparatorAndPrefix() throws Exception {
        Logger log = start(Map.of("KV_PREFIX", "kv_"));
        log.error("payment failed reason=103 user=\"xiao ming\" amount: 12.5, 姓名=小明");

        JsonNode j = receivedOne();
        assertThat(j.get("message").asText()).isEqualTo("payment failed reason=103 user=\"xiao ming\" amount: 12.5, 姓名=小明");
        assertThat(j.get("kv_reason").asText()).isEqualTo("103");
        assertThat(j.get("kv_user").asText()).isEqualTo("xiao ming");
        assertThat(j.get("kv_amount").asText()).isEqualTo("12.5");
        assertThat(j.get("kv_姓名").asText()).isEqualTo("小明");
        assertThat(j.get("level").asText()).isEqualTo("ERROR");
    }

    @Test
    void anErrorStormArrivesAsOneEventWithItsCount() throws Exception {
        // A window far longer than the test: the storm is held whatever the scheduling, and stopping flushes it
        // (the flush at the window's end is proven with a controlled clock in core's collapser tests).
        Logger log = start(Map.of("COLLAPSE", "10m"));
        for (int i = 0; i < 200; i++) {
            log.warn("connection refused, attempt {}", i);
        }
        RabbitMqAppender appender = logback.rabbitAppender("RABBIT");
        logback.context.stop();

        List<ReceivedMessage> received = collector.receivedBeforeMarker(broker, Duration.ofSeconds(30));
        assertThat(received).hasSize(1);
        JsonNode j = JSON.readTree(received.get(0).body());
        assertThat(j.get("message").asText()).isEqualTo("connection refused, attempt 0");
        assertThat(j.get("count").asLong()).isEqualTo(200);
        assertThat(OffsetDateTime.parse(j.get("last_timestamp").asText()))
                .isAfterOrEqualTo(OffsetDateTime.parse(j.get("first_timestamp").asText()));
        PipelineStats.Snapshot s = appender.getStats();
        assertThat(s.accepted()).isEqualTo(200);
        assertThat(s.sent()).isEqualTo(1);
        assertThat(s.collapsed()).isEqualTo(199);
    }
}
