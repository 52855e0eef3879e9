package dev.sluice.docs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.sluice.logback.RabbitMqAppender;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.TestAmqpBroker;
import org.junit.jupiter.params.ParameterizedTest;
import org.slf4j.MDC;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Logstash would do with each pipeline of samples/logstash, against a real broker (Logstash
 * itself is not available to the build): declare the exchange and a queue and bind it exactly as
 * the pipeline's rabbitmq input does, let a Sluice appender with its defaults (and the pipeline's
 * format) publish, and decode each message as the pipeline's codec does. On RabbitMQ a declaration
 * that differs from the appender's fails with PRECONDITION_FAILED.
 */
class LogstashPipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final int EVENTS = 5;

    static List<Path> pipelines() {
        return LogstashPipelines.files();
    }

    @ParameterizedTest
    @MethodSource("pipelines")
    void whatTheAppenderPublishesReachesTheQueueAndDecodesWithTheCodec(Path file) throws Exception {
        String format = LogstashPipelines.formatOf(file);
        LogstashConf.Plugin input = LogstashPipelines.rabbitmqInput(LogstashPipelines.parse(file));
        String exchange = input.text("exchange");
        AmqpEndpoint broker = TestAmqpBroker.get();
        // The pipeline's queue flags, under a name of this run's own: builds sharing the broker must not
        // take each other's messages, and a durable queue bound with '#' must not outlive the test.
        String queue = input.text("queue") + "-docs-check-" + UUID.randomUUID();
        String marker = UUID.randomUUID().toString();

        try (Connection connection = broker.connectionFactory().newConnection("docs-check-logstash")) {
            Channel channel = connection.createChannel();
            try {
                // As the rabbitmq input (March Hare): exchange with the input's durable flag, no auto-delete, no arguments.
                channel.exchangeDeclare(exchange, input.text("exchange_type"), (Boolean) input.settings.get("durable"));
                channel.queueDeclare(queue, (Boolean) input.settings.get("durable"),
                        (Boolean) input.settings.get("exclusive"), (Boolean) input.settings.get("auto_delete"), null);
                channel.queueBind(queue, exchange, input.text("key"));
                BlockingQueue<Delivery> deliveries = consume(channel, queue);

                logThroughSluice(broker, format, marker);

                List<Delivery> mine = awaitEvents(deliveries, marker, Duration.ofSeconds(30));
                List<JsonNode> events = new ArrayList<>();
                if (input.text("codec").equals("json")) {
                    for (Delivery d : mine) {
                        assertThat(d.properties.getContentType()).isEqualTo("application/json");
                        JsonNode event = oneJsonObject(d.body);
                        assertThat(event.path("@timestamp").asText())
                                .as("the event's second is the AMQP timestamp's")
                                .satisfies(ts -> assertThat(OffsetDateTime.parse(ts).toEpochSecond())
                                        .isEqualTo(d.properties.getTimestamp().getTime() / 1000));
                        events.add(event);
                    }
                } else {
                    assertThat(input.text("codec")).isEqualTo("json_lines");
                    events.addAll(decodeAsJsonLines(mine));
                    // One batch of EVENTS (batchSize), all with one routing key: one message, split into lines.
                    assertThat(mine).hasSize(1);
                }
                assertThat(events).hasSize(EVENTS);
                for (JsonNode event : events) {
                    // Logstash parses this text as the event's @timestamp (ISO-8601 with offset).
                    assertThat(OffsetDateTime.parse(event.path("@timestamp").asText())).isNotNull();
                    assertThat(event.path("@version").asText()).isEqualTo("1");
                    assertThat(event.path("message").asText()).contains(marker);
                    assertThat(event.path("logger_name").asText()).isEqualTo("com.shop.Orders");
                    assertThat(event.path("level").asText()).isEqualTo("INFO");
                    assertThat(event.path("level_value").asInt()).isEqualTo(20000);
                    assertThat(event.path("host").isTextual()).isTrue();
                    assertThat(event.path("pid").isNumber()).isTrue();
                }
                // A stack trace's line breaks are escaped in the JSON: they never cut a json-lines message.
                assertThat(events).anySatisfy(e -> assertThat(e.path("stack_trace").asText())
                        .contains("IllegalStateException: payment refused").contains("\n\tat "));
            } finally {
                deleteQuietly(connection, queue);
            }
        }
    }

    /** On a channel of its own: a failed declaration closes the first one, and must stay the reported failure. */
    private static void deleteQuietly(Connection connection, String queue) {
        try {
            connection.createChannel().queueDelete(queue);
        } catch (IOException | RuntimeException e) {
            // Nothing was declared, or the broker is gone: nothing left to clean.
        }
    }

    /** A Logback appender with every default but the broker and the format; it publishes to the default exchange. */
    private static void logThroughSluice(AmqpEndpoint broker, String format, String marker) {
        LoggerContext context = new LoggerContext();
        context.setName("docs-check-logstash");
        context.setMDCAdapter(MDC.getMDCAdapter());
        RabbitMqAppender appender = new RabbitMqAppender();
        appender.setContext(context);
        appender.setName("logstash-check");
        appender.setUri(broker.uri());
        appender.setFormat(format);
        if (format.equals("json-lines")) {
            // The batch is cut by size, never by time: all events in one message, whatever the machine's speed.
            appender.setBatchSize(Integer.toString(EVENTS));
            appender.setLinger("1m");
        }
        appender.start();
        assertThat(appender.isStarted()).isTrue();
        Logger log = context.getLogger("com.shop.Orders");
        log.addAppender(appender);
        for (int i = 0; i < EVENTS - 1; i++) {
            log.info("order {} placed {}", 1000 + i, marker);
        }
        log.info("order 2000 refused " + marker, new IllegalStateException("payment refused"));
        context.stop(); // drains
        assertThat(appender.getStats().sent()).isEqualTo(EVENTS);
    }

    /** The whole body is one JSON object, as the json codec wants it (anything else becomes _jsonparsefailure). */
    private static JsonNode oneJsonObject(byte[] body) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            JsonNode node = JSON.readTree(parser);
            assertThat(node.isObject()).as(new String(body, StandardCharsets.UTF_8)).isTrue();
            assertThat(parser.nextToken()).as("nothing after the object").isNull();
            return node;
        }
    }

    /**
     * As the json_lines codec: one tokenizer for the whole input, fed each message in turn, cut at
     * "\n"; a line is decoded once its "\n" has arrived. After each message nothing may be left
     * over, or it would be glued to the next message's first line.
     */
    private static List<JsonNode> decodeAsJsonLines(List<Delivery> messages) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        StringBuilder buffer = new StringBuilder();
        for (Delivery d : messages) {
            assertThat(d.properties.getContentType()).isEqualTo("application/x-ndjson");
            buffer.append(new String(d.body, StandardCharsets.UTF_8));
            int end;
            while ((end = buffer.indexOf("\n")) >= 0) {
                String line = buffer.substring(0, end);
                buffer.delete(0, end + 1);
                events.add(oneJsonObject(line.getBytes(StandardCharsets.UTF_8)));
            }
            assertThat(buffer).as("left in the codec's buffer after a message").isEmpty();
        }
        return events;
    }

    private static BlockingQueue<Delivery> consume(Channel channel, String queue) throws IOException {
        BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                deliveries.add(new Delivery(properties, body));
            }
        });
        return deliveries;
    }

    /** Our messages (others may publish to the same exchange meanwhile), until all EVENTS are in. */
    private static List<Delivery> awaitEvents(BlockingQueue<Delivery> deliveries, String marker, Duration timeout)
            throws InterruptedException, TimeoutException {
        List<Delivery> mine = new ArrayList<>();
        int events = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events < EVENTS) {
            Delivery d = deliveries.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (d == null) {
                throw new TimeoutException("only " + events + " of " + EVENTS + " events arrived within " + timeout);
            }
            String body = new String(d.body, StandardCharsets.UTF_8);
            if (body.contains(marker)) {
                mine.add(d);
                events += body.split(marker, -1).length - 1;
            }
        }
        return mine;
    }

    private static final class Delivery {
        final AMQP.BasicProperties properties;
        final byte[] body;

        Delivery(AMQP.BasicProperties properties, byte[] body) {
            this.properties = properties;
            this.body = body;
        }
    }
}
