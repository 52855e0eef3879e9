package dev.sluice.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.sluice.pipeline.DropReason;
import dev.sluice.pipeline.PipelineStats;
import dev.sluice.pipeline.Severity;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.ReceivedMessage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * (c) End-to-end throughput and (d) loss at stop, against the real broker, counted by an
 * {@link AmqpCollector} on a queue bound with {@code #}. One scenario and one appender per JVM:
 *
 * <pre>
 * java -cp benchmarks.jar dev.sluice.benchmarks.EndToEnd throughput SLUICE 200000 3 out.json [name=value ...]
 * java -cp benchmarks.jar dev.sluice.benchmarks.EndToEnd stop SPRING 50000 3 out.json
 * java -cp benchmarks.jar dev.sluice.benchmarks.EndToEnd burst SLUICE 200000 3 out.json overflowReserve=0
 * </pre>
 *
 * Trailing {@code name=value} pairs are Sluice options (e.g. {@code overflow=block}); a leading
 * {@code label=...} names the configuration in the report.
 *
 * <p>throughput: warm up (20,000 events, all received), then per repetition bind a fresh collector, log
 * N events from one thread as fast as the appender accepts them, and time from the first call until
 * the collector has counted N (deadline 120 s). Events are identified by their order id, so
 * duplicates and losses are counted exactly.
 *
 * <p>stop: per repetition a fresh context; one event to open the connection (waited for), then N events
 * and {@code LoggerContext.stop()} right after the last call; after 2 s without arrivals,
 * lost = N - distinct order ids received.
 *
 * <p>burst: as stop, but 2 threads log N events back-to-back, 80% DEBUG/INFO and 20% WARN/ERROR (by
 * sequence number), and the context is not stopped; after 2 s without arrivals, events received and
 * dropped at the call are counted per level (what {@code overflowReserve} keeps).
 */
public final class EndToEnd {
    private static final int WARMUP_EVENTS = 20_000;
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private EndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: EndToEnd throughput|stop|burst NOOP|SLUICE|SPRING events reps out.json [label=x] [option=value ...]");
            System.exit(2);
        }
        String scenario = args[0];
        BenchContext.Kind kind = BenchContext.Kind.valueOf(args[1].toUpperCase(Locale.ROOT));
        int events = Integer.parseInt(args[2]);
        int reps = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        Map<String, String> options = new LinkedHashMap<>();
        String label = kind.name().toLowerCase(Locale.ROOT);
        for (int a = 5; a < args.length; a++) {
            String[] kv = args[a].split("=", 2);
            if (kv[0].equals("label")) {
                label = kv[1];
            } else {
                options.put(kv[0], kv[1]);
            }
        }
        BenchContext.setWorkloadMdc();
        Map<String, Object> result = StatsFile.record();
        result.put("scenario", scenario);
        result.put("appender", kind.name());
        result.put("label", label);
        result.put("options", new LinkedHashMap<String, Object>(options));
        result.put("events", events);
        result.put("broker", brokerDescription());
        List<Object> runs = new ArrayList<>();
        switch (scenario) {
            case "throughput":
                throughput(kind, options, events, reps, runs);
                break;
            case "stop":
                for (int r = 0; r < reps; r++) {
                    runs.add(stop(kind, options, events, r));
                }
                break;
            case "burst":
                for (int r = 0; r < reps; r++) {
                    runs.add(burst(kind, options, events, r));
                }
                break;
            default:
                throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        result.put("runs", runs);
        String json = StatsFile.toJson(result);
        Files.writeString(out, json + "\n", StandardCharsets.UTF_8);
        System.out.println(json);
        System.exit(0); // Spring's stopped appender may leave non-daemon threads behind.
    }

    /** Product and version the broker announces, e.g. "RabbitMQ 3.10.8"; an embedded broker is marked. */
    static String brokerDescription() {
        AmqpEndpoint endpoint = BenchContext.broker();
        try (com.rabbitmq.client.Connection c = endpoint.connectionFactory().newConnection("sluice-bench-probe")) {
            Map<String, Object> p = c.getServerProperties();
            return p.get("product") + " " + p.get("version") + (endpoint.isEmbedded() ? " (embedded)" : "")
                    + " at " + endpoint.host() + ":" + endpoint.port();
        } catch (Exception e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static void throughput(BenchContext.Kind kind, Map<String, String> options, int events, int reps,
                                   List<Object> runs) throws InterruptedException {
        AmqpEndpoint broker = BenchContext.broker();
        String exchange = BenchContext.freshExchange("e2e");
        // json-lines packs a batch into one message: completion is then judged by counting the events inside.
        boolean batched = "json-lines".equalsIgnoreCase(options.get("format"));
        long seq = 0;
        AmqpCollector warm = AmqpCollector.bind(broker, exchange, "topic", true, "#");
        try (BenchContext ctx = BenchContext.create(kind, exchange, options)) {
            Logger log = ctx.logger();
            try {
                logEvents(log, seq, WARMUP_EVENTS);
                seq += WARMUP_EVENTS;
                if (batched) {
                    awaitEvents(warm, 0, WARMUP_EVENTS, DEADLINE);
                } else {
                    awaitCount(warm, WARMUP_EVENTS, DEADLINE);
                }
            } finally {
                warm.close();
            }
            for (int r = 0; r < reps; r++) {
                System.gc();
                Map<String, Object> run = StatsFile.record();
                try (AmqpCollector collector = AmqpCollector.bind(broker, exchange, "topic", true, "#")) {
                    PipelineStats.Snapshot before = ctx.sluiceStats();
                    CpuMeter cpu = new CpuMeter();
                    long t0 = System.nanoTime();
                    logEvents(log, seq, events);
                    long tLogged = System.nanoTime();
                    boolean complete = batched
                            ? awaitEvents(collector, seq, events, DEADLINE)
                            : awaitCount(collector, events, DEADLINE);
                    long tDone = System.nanoTime();
                    Map<String, Object> cpuPerEvent = cpu.perEvent(events);
                    collector.awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(30));
                    Counted c = count(collector, seq, events);
                    double seconds = (tDone - t0) / 1e9;
                    run.put("rep", r);
                    run.put("complete", complete);
                    run.put("seconds", round(seconds, 3));
                    run.put("logSeconds", round((tLogged - t0) / 1e9, 3));
                    run.put("eventsPerSec", Math.round(c.distinct / seconds));
                    run.put("received", c.received);
                    run.put("distinct", c.distinct);
                    run.put("duplicates", c.received - c.distinct);
                    run.put("lost", events - c.distinct);
                    putSluiceDelta(run, before, ctx.sluiceStats());
                    if (kind == BenchContext.Kind.SPRING) {
                        run.put("backlogAfter", ctx.springBacklog());
                    }
                    run.put("cpu", cpuPerEvent);
                    seq += events;
                }
                System.out.println("run " + StatsFile.toJson(run));
                runs.add(run);
            }
            ctx.printProblems();
        }
    }

    private static Map<String, Object> stop(BenchContext.Kind kind, Map<String, String> options, int events, int rep)
            throws InterruptedException {
        AmqpEndpoint broker = BenchContext.broker();
        String exchange = BenchContext.freshExchange("stop");
        Map<String, Object> run = StatsFile.record();
        try (AmqpCollector collector = AmqpCollector.bind(broker, exchange, "topic", true, "#");
             BenchContext ctx = BenchContext.create(kind, exchange, options)) {
            Logger log = ctx.logger();
            long base = 1_000_000L * (rep + 1);
            logEvents(log, base - 1, 1); // opens the connection; not counted
            if (!awaitCount(collector, 1, Duration.ofSeconds(30))) {
                throw new IllegalStateException("the first event did not arrive; is the broker up?");
            }
            long t0 = System.nanoTime();
            logEvents(log, base, events);
            long tLogged = System.nanoTime();
            int backlog = ctx.springBacklog();
            ctx.stop();
            long tStopped = System.nanoTime();
            collector.awaitQuiet(Duration.ofSeconds(2), Duration.ofSeconds(60));
            Counted c = count(collector, base, events);
            run.put("rep", rep);
            run.put("logSeconds", round((tLogged - t0) / 1e9, 3));
            run.put("stopSeconds", round((tStopped - tLogged) / 1e9, 3));
            run.put("received", c.received);
            run.put("distinct", c.distinct);
            run.put("duplicates", c.received - c.distinct);
            run.put("lost", events - c.distinct);
            putSluiceDelta(run, null, ctx.sluiceStats());
            if (kind == BenchContext.Kind.SPRING) {
                run.put("backlogAtStop", backlog);
            }
            ctx.printProblems();
        }
        System.out.println("run " + StatsFile.toJson(run));
        return run;
    }

    /** Per 10 events: 4 DEBUG, 4 INFO, 1 WARN, 1 ERROR. */
    private static final Level[] BURST_MIX = {Level.DEBUG, Level.INFO, Level.DEBUG, Level.INFO, Level.WARN,
            Level.DEBUG, Level.INFO, Level.DEBUG, Level.INFO, Level.ERROR};

    private static Map<String, Object> burst(BenchContext.Kind kind, Map<String, String> options, int events, int rep)
            throws InterruptedException {
        AmqpEndpoint broker = BenchContext.broker();
        String exchange = BenchContext.freshExchange("burst");
        Map<String, Object> run = StatsFile.record();
        try (AmqpCollector collector = AmqpCollector.bind(broker, exchange, "topic", true, "#");
             BenchContext ctx = BenchContext.create(kind, exchange, options)) {
            Logger log = ctx.logger();
            log.setLevel(Level.DEBUG);
            long base = 1_000_000L * (rep + 1);
            logEvents(log, base - 1, 1); // opens the connection; not counted
            if (!awaitCount(collector, 1, Duration.ofSeconds(30))) {
                throw new IllegalStateException("the first event did not arrive; is the broker up?");
            }
            PipelineStats.Snapshot before = ctx.sluiceStats();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                long first = base + t;
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (long s = first; s < base + events; s += 2) {
                        Level level = BURST_MIX[(int) (s % 10)];
                        Object[] args = {Workload.orderId(s), Workload.user(s), Workload.amount(s)};
                        if (level == Level.ERROR) {
                            log.error(Workload.TEMPLATE, args);
                        } else if (level == Level.WARN) {
                            log.warn(Workload.TEMPLATE, args);
                        } else if (level == Level.INFO) {
                            log.info(Workload.TEMPLATE, args);
                        } else {
                            log.debug(Workload.TEMPLATE, args);
                        }
                    }
                }, "burst-" + t);
                thread.start();
                threads.add(thread);
            }
            long t0 = System.nanoTime();
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            run.put("rep", rep);
            run.put("logSeconds", round((System.nanoTime() - t0) / 1e9, 3));
            collector.awaitQuiet(Duration.ofSeconds(2), Duration.ofSeconds(120));
            Counted c = count(collector, base, events);
            PipelineStats.Snapshot after = ctx.sluiceStats();
            for (Level level : new Level[] {Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG}) {
                Map<String, Object> l = StatsFile.record();
                long logged = 0;
                long received = 0;
                for (long s = base; s < base + events; s++) {
                    if (BURST_MIX[(int) (s % 10)] == level) {
                        logged++;
                        received += c.ids.contains(Workload.orderId(s)) ? 1 : 0;
                    }
                }
                l.put("logged", logged);
                l.put("received", received);
                if (after != null) {
                    Severity severity = Severity.valueOf(level.toString());
                    l.put("droppedAtCall", after.dropped(severity) - before.dropped(severity));
                }
                run.put(level.toString(), l);
            }
            run.put("duplicates", c.received - c.distinct);
            putSluiceDelta(run, before, after);
            ctx.printProblems();
        }
        System.out.println("run " + StatsFile.toJson(run));
        return run;
    }

    static void putSluiceDelta(Map<String, Object> run, PipelineStats.Snapshot before,
                                       PipelineStats.Snapshot after) {
        if (after == null) {
            return;
        }
        Map<String, Object> s = StatsFile.record();
        s.put("accepted", after.accepted() - (before == null ? 0 : before.accepted()));
        s.put("sent", after.sent() - (before == null ? 0 : before.sent()));
        s.put("batches", after.batches() - (before == null ? 0 : before.batches()));
        s.put("retries", after.retries() - (before == null ? 0 : before.retries()));
        s.put("failed", after.failed() - (before == null ? 0 : before.failed()));
        for (DropReason reason : DropReason.values()) {
            long d = after.dropped(reason) - (before == null ? 0 : before.dropped(reason));
            if (d != 0) {
                s.put("dropped_" + reason.name().toLowerCase(Locale.ROOT), d);
            }
        }
        s.put("dropped", after.droppedTotal() - (before == null ? 0 : before.droppedTotal()));
        run.put("sluiceStats", s);
    }

    static void logEvents(Logger log, long firstSeq, int n) {
        for (long s = firstSeq, end = firstSeq + n; s < end; s++) {
            log.info(Workload.TEMPLATE, Workload.orderId(s), Workload.user(s), Workload.amount(s));
        }
    }

    static boolean awaitCount(AmqpCollector collector, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (collector.count() < n) {
            if (System.nanoTime() - deadline > 0) {
                System.err.println("deadline: " + collector.count() + " of " + n + " received");
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    /** For multi-event messages: polls the collected messages and counts events of the run inside them. */
    static boolean awaitEvents(AmqpCollector collector, long firstSeq, int n, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(collector, firstSeq, n).received < n) {
            if (System.nanoTime() - deadline > 0) {
                System.err.println("deadline: fewer than " + n + " events received");
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    static final class Counted {
        int received;
        int distinct;
        Set<Long> ids;
    }

    /** Counts events (one per "order <id>" occurrence) and distinct order ids in [firstSeq, firstSeq + n). */
    static Counted count(AmqpCollector collector, long firstSeq, int n) {
        List<ReceivedMessage> messages = collector.messages();
        long lo = Workload.orderId(firstSeq);
        long hi = Workload.orderId(firstSeq + n);
        Set<Long> seen = new HashSet<>(n * 2);
        Counted c = new Counted();
        byte[] marker = "order ".getBytes(StandardCharsets.US_ASCII);
        for (ReceivedMessage m : messages) {
            byte[] body = m.body();
            for (int at = indexOf(body, marker, 0); at >= 0; at = indexOf(body, marker, at + 1)) {
                long id = 0;
                int digits = 0;
                for (int p = at + marker.length; p < body.length && body[p] >= '0' && body[p] <= '9'; p++, digits++) {
                    id = id * 10 + (body[p] - '0');
                }
                if (digits > 0 && id >= lo && id < hi) {
                    c.received++;
                    seen.add(id);
                }
            }
        }
        c.distinct = seen.size();
        c.ids = seen;
        return c;
    }

    private static int indexOf(byte[] body, byte[] marker, int from) {
        outer:
        for (int i = from; i + marker.length <= body.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (body[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
