package dev.sluice.logback;

import dev.sluice.testkit.SendAndWait;
import dev.sluice.transport.rabbitmq.AmqpMessage;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import dev.sluice.encode.EncodedEvent;
import dev.sluice.transport.Batch;
import dev.sluice.pipeline.DropReason;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.pipeline.PipelineStats;
import dev.sluice.runtime.StatusSink;
import dev.sluice.transport.TransportException;
import dev.sluice.transport.rabbitmq.RabbitMqOptions;
import dev.sluice.transport.rabbitmq.RabbitMqTransport;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.EmbeddedAmqpBroker;
import dev.sluice.testkit.TestAmqpBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@link RabbitMqTransport} driven one batch at a time, as the sender thread does, on the test
 * broker and on the embedded one: per-event refusals drop only that event, and publisher-confirm
 * nacks (made deterministic by a queue with {@code x-max-length} and {@code x-overflow=reject-publish})
 * make a retry republish only the nacked messages.
 */
class RabbitMqTransportBatchIT {
    private static final java.time.Duration SEND_TIMEOUT = java.time.Duration.ofSeconds(30);
    private static EmbeddedAmqpBroker embedded;

    private AmqpEndpoint broker;
    private String exchange;
    private String queue;
    private Connection admin;
    private Channel adminChannel;
    private final List<RabbitMqTransport> transports = new ArrayList<>();

    @BeforeAll
    static void startEmbedded() {
        embedded = EmbeddedAmqpBroker.start();
    }

    @AfterAll
    static void stopEmbedded() {
        embedded.close();
    }

    /** A durable exchange bound to one queue holding at most {@code maxLength} messages (unbounded if 0). */
    private void setUp(String which, int maxLength) throws Exception {
        broker = which.equals("embedded") ? embedded.endpoint() : TestAmqpBroker.get();
        exchange = "sluice-batch-it-" + UUID.randomUUID();
        queue = exchange + "-q";
        admin = broker.connectionFactory().newConnection();
        adminChannel = admin.createChannel();
        adminChannel.exchangeDeclare(exchange, "topic", false, false, null);
        Map<String, Object> args = maxLength == 0 || broker.isEmbedded() ? Map.of()
                : Map.of("x-max-length", maxLength, "x-overflow", "reject-publish");
        adminChannel.queueDeclare(queue, false, false, true, args);
        adminChannel.queueBind(queue, exchange, "#");
    }

    /**
     * Only RabbitMQ nacks a publish to a full queue: Qpid Broker-J (the embedded broker) with its
     * equivalent {@code qpid.policy_type=reject} sends no confirm at all, so these run on RabbitMQ only.
     */
    private void setUpNacking(int maxLength) throws Exception {
        setUp("test", maxLength);
        assumeFalse(broker.isEmbedded(), "nacks need a real RabbitMQ (the embedded Qpid broker never nacks)");
    }

    @AfterEach
    void tearDown() throws Exception {
        transports.forEach(RabbitMqTransport::close);
        if (admin != null) {
            adminChannel.queueDelete(queue);
            adminChannel.exchangeDelete(exchange);
            admin.close();
        }
    }

    private RabbitMqTransport transport() {
        return transport("json");
    }

    private RabbitMqTransport transport(String format) {
        Options options = new Options()
                .set("format", format)
                .set("uri", broker.uri())
                .set("exchange", exchange)
                .set("declareExchange", "false")
                .set("confirmTimeout", "20s");
        OptionReader reader = new OptionReader(options);
        RabbitMqOptions rabbit = RabbitMqOptions.read(reader, "batch-it", "sluice");
        assertThat(reader.errors()).isEmpty();
        RabbitMqTransport t = new RabbitMqTransport(rabbit, "batch-it", new IgnoringStatus());
        transports.add(t);
        return t;
    }

    @ParameterizedTest
    @ValueSource(strings = {"test", "embedded"})
    void anEventAmqpClientRefusesIsDroppedAloneAndTheRestArriveOnce(String which) throws Exception {
        setUp(which, 0);
        RabbitMqTransport transport = transport();
        // Built by hand, past the encoder's cuts: amqp-client itself refuses event 3 ("Content
        // headers exceeded max frame size"), the transport's own check event 5 (routing key > 255 bytes).
        Batch batch = new Batch(7);
        for (int i = 0; i < 7; i++) {
            String logger = i == 3 ? "L".repeat(600_000) : "app.Logger";
            String key = i == 5 ? "k".repeat(300) : "app.INFO";
            batch.add(event("event " + i, logger, key));
        }

        SendAndWait.send(transport, batch, SEND_TIMEOUT);

        assertThat(drain()).containsExactly("event 0", "event 1", "event 2", "event 4", "event 6");
        assertThat(batch.deliveredCount()).isEqualTo(5);
        assertThat(batch.pendingCount()).isZero();
        assertThat(batch.isPending(3)).isFalse();
        assertThat(batch.isPending(5)).isFalse();

        // The channel's confirm numbering is still right: the next batch is confirmed normally.
        Batch next = new Batch(1);
        next.add(event("after", "app.Logger", "app.INFO"));
        SendAndWait.send(transport, next, SEND_TIMEOUT);
        assertThat(drain()).containsExactly("after");
        assertThat(next.deliveredCount()).isEqualTo(1);
    }

    @RepeatedTest(3)
    void whenOnlySomeMessagesAreNackedOnlyThoseAreRepublished() throws Exception {
        setUpNacking(2);
        RabbitMqTransport transport = transport();
        Batch batch = new Batch(4);
        for (int i = 0; i < 4; i++) {
            batch.add(event("event " + i, "app.Logger", "app.INFO"));
        }

        assertThatThrownBy(() -> SendAndWait.send(transport, batch, SEND_TIMEOUT)).isInstanceOf(TransportException.class)
                .hasMessageContaining("nacked 2 message(s)");
        assertThat(batch.deliveredCount()).isEqualTo(2);
        assertThat(batch.isPending(2)).isTrue();
        assertThat(batch.isPending(3)).isTrue();
        assertThat(drain()).containsExactly("event 0", "event 1"); // makes room

        SendAndWait.send(transport, batch, SEND_TIMEOUT); // the dispatcher's retry

        assertThat(drain()).as("only the nacked messages are published again").containsExactly("event 2", "event 3");
        assertThat(batch.deliveredCount()).isEqualTo(4);
    }

    @RepeatedTest(3)
    void inJsonLinesOnlyTheNackedMessagesAreRepublished() throws Exception {
        setUpNacking(2);
        RabbitMqTransport transport = transport("json-lines");
        Batch batch = new Batch(4);
        for (int i = 0; i < 4; i++) {
            batch.add(event("event " + i, "app.Logger", "key" + i)); // one message per routing key
        }

        assertThatThrownBy(() -> SendAndWait.send(transport, batch, SEND_TIMEOUT)).isInstanceOf(TransportException.class)
                .hasMessageContaining("nacked 2 message(s)");
        assertThat(batch.deliveredCount()).isEqualTo(2);
        assertThat(drain()).containsExactly("event 0", "event 1");

        SendAndWait.send(transport, batch, SEND_TIMEOUT);

        assertThat(drain()).containsExactly("event 2", "event 3");
        assertThat(batch.deliveredCount()).isEqualTo(4);
    }

    @RepeatedTest(3)
    void aNackFollowedByASuccessfulRetryIsDelivered() throws Exception {
        setUpNacking(1);
        RabbitMqTransport rabbit = transport();
        List<String> received = new ArrayList<>();
        int[] attempts = {0};
        List<String> failures = new ArrayList<>();
        // The real transport in a real pipeline; between the attempts the "consumer" empties the queue.
        dev.sluice.transport.Transport draining = new DelegatingTransport(rabbit) {
            @Override
            public void send(Batch batch, dev.sluice.transport.SendOutcome outcome) {
                attempts[0]++;
                super.send(batch, new dev.sluice.transport.SendOutcome() {
                    @Override
                    public void completed(Batch b) {
                        drainInto(received);
                        outcome.completed(b);
                    }

                    @Override
                    public void failed(Batch b, TransportException e) {
                        failures.add(e.getMessage());
                        drainInto(received);
                        outcome.failed(b, e);
                    }
                });
            }
        };
        LogPipeline pipeline = LogPipeline.start("nack-it", dev.sluice.fields.FieldOptions.defaults(),
                pipelineOptions("batchSize", "3", "linger", "1m", "maxRetries", "3", "retryBackoff", "10ms"),
                draining, new IgnoringStatus());
        for (int i = 0; i < 3; i++) {
            assertThat(pipeline.offer(logEvent("event " + i))).isTrue();
        }
        pipeline.stop();

        PipelineStats.Snapshot stats = pipeline.stats();
        // Queue of 1: attempt 1 delivers event 0 (1, 2 nacked), attempt 2 event 1, attempt 3 event 2.
        assertThat(attempts[0]).as("attempts; failures %s; received %s", failures, received).isEqualTo(3);
        assertThat(stats.retries()).isEqualTo(2);
        assertThat(stats.sent()).isEqualTo(3);
        assertThat(stats.failed()).isZero();
        assertThat(stats.droppedTotal()).isZero();
        assertThat(received).containsExactly("event 0", "event 1", "event 2");
    }

    private static dev.sluice.pipeline.PipelineOptions pipelineOptions(String... nameValue) {
        Options o = new Options();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            o.set(nameValue[i], nameValue[i + 1]);
        }
        OptionReader reader = new OptionReader(o);
        dev.sluice.pipeline.PipelineOptions options = dev.sluice.pipeline.PipelineOptions.read(reader);
        assertThat(reader.errors()).isEmpty();
        return options;
    }

    /** Every message in the queue, in order, removed from it; the "message" of each. */
    private List<String> drain() throws Exception {
        List<String> messages = new ArrayList<>();
        GetResponse r;
        while ((r = adminChannel.basicGet(queue, true)) != null) {
            String body = new String(r.getBody(), StandardCharsets.UTF_8).trim(); // json-lines ends with a newline
            messages.add(body.replaceAll(".*\"message\":\"([^\"]*)\".*", "$1"));
        }
        return messages;
    }

    private static dev.sluice.event.LogEvent logEvent(String message) {
        return new dev.sluice.event.LogEvent(1_700_000_000L, 0, "INFO", 20000, "app.Logger", "main",
                message, null, Map.of(), null, null, null, null);
    }

    private static EncodedEvent event(String message, String logger, String key) {
        byte[] body = ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        return new AmqpMessage(body, System.currentTimeMillis(), "INFO", logger, key);
    }

    private void drainInto(List<String> received) {
        try {
            received.addAll(drain());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static class DelegatingTransport implements dev.sluice.transport.Transport {
        private final RabbitMqTransport delegate;

        DelegatingTransport(RabbitMqTransport delegate) {
            this.delegate = delegate;
        }

        @Override
        public dev.sluice.encode.EventEncoder encoder(dev.sluice.fields.FieldComposer composer) {
            return delegate.encoder(composer);
        }

        @Override
        public void connect() throws TransportException {
            delegate.connect();
        }

        @Override
        public void send(Batch batch, dev.sluice.transport.SendOutcome outcome) {
            delegate.send(batch, outcome);
        }

        @Override
        public int maxInFlight() {
            return delegate.maxInFlight();
        }

        @Override
        public void checkOverdue() {
            delegate.checkOverdue();
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static final class IgnoringStatus implements StatusSink {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message, Throwable cause) {
        }

        @Override
        public void error(String message, Throwable cause) {
        }
    }
}
