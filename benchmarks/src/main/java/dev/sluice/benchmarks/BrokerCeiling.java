package dev.sluice.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Reference, not an appender: how many log-event-sized messages per second this machine's broker and
 * consumer absorb when a bare amqp-client loop publishes pre-built JSON bodies (no logging framework,
 * no field composition), with the same properties and confirm pattern as Sluice's RabbitMqTransport.
 * It bounds what any appender publishing one message per event can reach here.
 *
 * <pre>java -cp benchmarks.jar dev.sluice.benchmarks.BrokerCeiling per-message|per-message-pipelined|lines|per-message-noconfirm N reps out.json</pre>
 *
 * <p>per-message waits for each 1,024 messages' confirms before publishing more (stop-and-wait);
 * per-message-pipelined keeps publishing while up to {@link #PIPELINE_WINDOW} messages are unconfirmed (what
 * Sluice's default {@code maxInFlight=4} batches of 1,024 allow): the ceiling for confirmed publishing here.
 */
public final class BrokerCeiling {
    private static final int BATCH = 1024;
    private static final int PIPELINE_WINDOW = 4 * BATCH;
    private static final int WARMUP = 20_000;
    /** -Dceiling.headers=false: leave out the per-message headers table (level, logger) Sluice adds. */
    private static final boolean HEADERS = !"false".equals(System.getProperty("ceiling.headers"));
    /** -Dceiling.nio=true: amqp-client's NIO frame handler (fewer socket writes than the default blocking one). */
    private static final boolean NIO = "true".equals(System.getProperty("ceiling.nio"));

    private BrokerCeiling() {
    }

    @SuppressWarnings("deprecation") // useNio(): deprecated for the Netty frame handler (rabbitmq-java-client#1664); an experiment only
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int events = Integer.parseInt(args[1]);
        int reps = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        boolean lines = mode.equals("lines");
        boolean confirms = !mode.endsWith("-noconfirm");
        boolean pipelined = mode.endsWith("-pipelined");
        AmqpEndpoint broker = BenchContext.broker();
        String exchange = BenchContext.freshExchange("ceiling");
        Map<String, Object> result = StatsFile.record();
        result.put("scenario", "ceiling");
        result.put("mode", mode);
        result.put("events", events);
        result.put("broker", EndToEnd.brokerDescription());
        List<Object> runs = new ArrayList<>();
        com.rabbitmq.client.ConnectionFactory factory = broker.connectionFactory();
        if (NIO) {
            factory.useNio();
        }
        result.put("headers", HEADERS);
        result.put("nio", NIO);
        try (Connection c = factory.newConnection("sluice-bench-ceiling")) {
            Channel ch = c.createChannel();
            ch.exchangeDeclare(exchange, "topic", true);
            if (confirms) {
                ch.confirmSelect();
            }
            Window window = pipelined ? new Window(ch) : null;
            long seq = 0;
            try (AmqpCollector warm = AmqpCollector.bind(broker, exchange, "topic", true, "#")) {
                publish(ch, window, exchange, seq, WARMUP, lines, confirms);
                EndToEnd.awaitEvents(warm, seq, WARMUP, Duration.ofSeconds(120));
                seq += WARMUP;
            }
            for (int r = 0; r < reps; r++) {
                try (AmqpCollector collector = AmqpCollector.bind(broker, exchange, "topic", true, "#")) {
                    CpuMeter cpu = new CpuMeter();
                    long t0 = System.nanoTime();
                    publish(ch, window, exchange, seq, events, lines, confirms);
                    long tPublished = System.nanoTime();
                    boolean complete = lines
                            ? EndToEnd.awaitEvents(collector, seq, events, Duration.ofSeconds(120))
                            : EndToEnd.awaitCount(collector, events, Duration.ofSeconds(120));
                    long tDone = System.nanoTime();
                    Map<String, Object> cpuPerEvent = cpu.perEvent(events);
                    EndToEnd.Counted counted = EndToEnd.count(collector, seq, events);
                    double seconds = (tDone - t0) / 1e9;
                    Map<String, Object> run = StatsFile.record();
                    run.put("rep", r);
                    run.put("complete", complete);
                    run.put("seconds", EndToEnd.round(seconds, 3));
                    run.put("publishSeconds", EndToEnd.round((tPublished - t0) / 1e9, 3));
                    run.put("eventsPerSec", Math.round(counted.distinct / seconds));
                    run.put("distinct", counted.distinct);
                    run.put("cpu", cpuPerEvent);
                    System.out.println("run " + StatsFile.toJson(run));
                    runs.add(run);
                    seq += events;
                }
            }
        } finally {
            AmqpCollector.deleteExchange(broker, exchange);
        }
        result.put("runs", runs);
        Files.writeString(out, StatsFile.toJson(result) + "\n", StandardCharsets.UTF_8);
        System.exit(0);
    }

    /** Publisher confirms kept to a bounded number of unconfirmed messages, without waiting batch by batch. */
    private static final class Window {
        private final java.util.concurrent.Semaphore room = new java.util.concurrent.Semaphore(PIPELINE_WINDOW);
        private final java.util.NavigableSet<Long> unconfirmed = new java.util.concurrent.ConcurrentSkipListSet<>();

        Window(Channel ch) {
            ch.addConfirmListener(this::settle, (tag, multiple) -> {
                throw new IllegalStateException("the broker nacked message " + tag);
            });
        }

        private void settle(long tag, boolean multiple) {
            java.util.NavigableSet<Long> done = multiple ? unconfirmed.headSet(tag, true)
                    : unconfirmed.subSet(tag, true, tag, true);
            int n = 0;
            while (done.pollFirst() != null) {
                n++;
            }
            room.release(n);
        }

        void publish(Channel ch, String exchange, String key, byte[] body) throws Exception {
            room.acquire();
            unconfirmed.add(ch.getNextPublishSeqNo());
            ch.basicPublish(exchange, key, false, properties(), body);
        }

        void awaitAll() throws InterruptedException {
            room.acquire(PIPELINE_WINDOW);
            room.release(PIPELINE_WINDOW);
        }
    }

    private static void publish(Channel ch, Window window, String exchange, long first, int n, boolean lines,
                                boolean confirms) throws Exception {
        if (window != null) {
            String key = Workload.LOGGER + ".INFO";
            for (long s = first, end = first + n; s < end; s++) {
                window.publish(ch, exchange, key, body(s));
            }
            window.awaitAll();
            return;
        }
        String key = Workload.LOGGER + ".INFO";
        ByteArrayOutputStream batch = new ByteArrayOutputStream(BATCH * 512);
        int inBatch = 0;
        for (long s = first, end = first + n; s < end; s++) {
            byte[] body = body(s);
            if (lines) {
                batch.write(body);
                batch.write('\n');
            } else {
                ch.basicPublish(exchange, key, false, properties(), body);
            }
            if (++inBatch == BATCH || s == end - 1) {
                if (lines) {
                    ch.basicPublish(exchange, key, false, properties(), batch.toByteArray());
                    batch.reset();
                }
                if (confirms) {
                    ch.waitForConfirmsOrDie(10_000);
                }
                inBatch = 0;
            }
        }
    }

    private static AMQP.BasicProperties properties() {
        AMQP.BasicProperties.Builder b = new AMQP.BasicProperties.Builder().contentType("application/json")
                .contentEncoding("utf-8").deliveryMode(2).appId("sluice").timestamp(new Date());
        if (HEADERS) {
            b.headers(Map.of("level", "INFO", "logger", Workload.LOGGER));
        }
        return b.build();
    }

    /** About the size and shape of Sluice's JSON for the workload event. */
    private static byte[] body(long s) {
        return ("{\"@timestamp\":\"2026-11-22T05:12:24.123+00:00\",\"@version\":\"1\",\"message\":\"order "
                + Workload.orderId(s) + " placed by user=" + Workload.user(s) + " amount=" + Workload.amount(s)
                + "\",\"logger_name\":\"" + Workload.LOGGER + "\",\"thread_name\":\"main\",\"level\":\"INFO\","
                + "\"level_value\":20000,\"host\":\"bench-host\",\"pid\":12345,"
                + "\"requestId\":\"3f2b1c9e-8a7d-4e6f-9b0a-1c2d3e4f5a6b\",\"tenant\":\"acme-retail\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
