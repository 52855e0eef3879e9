package dev.sluice.benchmarks;

import ch.qos.logback.classic.Logger;
import dev.sluice.pipeline.PipelineStats;
import dev.sluice.testkit.sls.ReceivedLog;
import dev.sluice.testkit.sls.ReceivedRequest;
import dev.sluice.testkit.sls.SlsReceiver;

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

/**
 * End-to-end throughput into an in-process {@link SlsReceiver}, the SLS counterpart of {@link EndToEnd}
 * (throughput): Sluice's SlsAppender or the official aliyun-log-logback-appender (defaults, isolated Logback 1.2,
 * see {@link OfficialSlsContext}). One appender per JVM:
 *
 * <pre>
 * java -cp benchmarks.jar dev.sluice.benchmarks.SlsEndToEnd SLUICE 100000 3 out.json [label=x] [option=value ...]
 * java -cp benchmarks.jar dev.sluice.benchmarks.SlsEndToEnd OFFICIAL 100000 3 out.json
 * </pre>
 *
 * Trailing {@code name=value} pairs are Sluice options (e.g. {@code overflow=block}); {@code label=x} names the
 * configuration; {@code receiverDelayMs=N} makes the receiver answer every request N ms late (stored at once), to
 * see the effect of a WAN round trip to a real SLS endpoint.
 *
 * <p>Warm up (20,000 events, all stored), then per repetition: empty the receiver, log N events from one thread as
 * fast as the appender accepts them, and time from the first call until the receiver has stored N logs (polling
 * {@code logCount}; deadline 120 s). Order ids in the stored messages give exact duplicates and losses.
 */
public final class SlsEndToEnd {
    private static final int WARMUP_EVENTS = 20_000;
    private static final long DEADLINE_NANOS = 120_000_000_000L;

    /** One appender under test, seen from the benchmark. */
    private interface Target extends AutoCloseable {
        /** Logs the workload event with sequence number {@code seq}. */
        void log(long seq);

        SlsReceiver receiver();

        /** Sluice's counters, or null. */
        PipelineStats.Snapshot stats();

        /** Problems the appender reported (status errors). */
        List<String> errors();

        @Override
        void close();
    }

    private SlsEndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: SlsEndToEnd SLUICE|OFFICIAL events reps out.json [label=x] [option=value ...]");
            System.exit(2);
        }
        String kind = args[0].toUpperCase(Locale.ROOT);
        int events = Integer.parseInt(args[1]);
        int reps = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        Map<String, String> options = new LinkedHashMap<>();
        String label = kind.toLowerCase(Locale.ROOT);
        int receiverDelayMs = 0;
        for (int a = 4; a < args.length; a++) {
            String[] kv = args[a].split("=", 2);
            if (kv[0].equals("label")) {
                label = kv[1];
            } else if (kv[0].equals("receiverDelayMs")) {
                receiverDelayMs = Integer.parseInt(kv[1]);
            } else {
                options.put(kv[0], kv[1]);
            }
        }
        Map<String, Object> result = StatsFile.record();
        result.put("scenario", "sls-throughput");
        result.put("appender", kind);
        result.put("label", label);
        result.put("options", new LinkedHashMap<String, Object>(options));
        result.put("events", events);
        result.put("receiverDelayMs", receiverDelayMs);
        List<Object> runs = new ArrayList<>();
        try (Target target = start(kind, options)) {
            result.put("receiver", "sluice-testkit SlsReceiver in the benchmark JVM at " + target.receiver().endpoint());
            if (receiverDelayMs > 0) {
                target.receiver().delayAll(Duration.ofMillis(receiverDelayMs));
            }
            throughput(target, events, reps, receiverDelayMs, runs);
            List<String> errors = target.errors();
            result.put("errorStatuses", errors.size());
            errors.stream().limit(5).forEach(e -> System.err.println("  [status] " + e));
        }
        result.put("runs", runs);
        String json = StatsFile.toJson(result);
        Files.writeString(out, json + "\n", StandardCharsets.UTF_8);
        System.out.println(json);
        System.exit(0); // the official producer's threads are not all daemons
    }

    private static Target start(String kind, Map<String, String> options) {
        switch (kind) {
            case "SLUICE": {
                BenchContext.setWorkloadMdc();
                BenchContext ctx = BenchContext.create(BenchContext.Kind.SLS, null, options);
                Logger log = ctx.logger();
                return new Target() {
                    public void log(long seq) {
                        log.info(Workload.TEMPLATE, Workload.orderId(seq), Workload.user(seq), Workload.amount(seq));
                    }

                    public SlsReceiver receiver() {
                        return ctx.slsReceiver();
                    }

                    public PipelineStats.Snapshot stats() {
                        return ctx.sluiceStats();
                    }

                    public List<String> errors() {
                        ctx.printProblems();
                        return List.of();
                    }

                    public void close() {
                        ctx.close();
                    }
                };
            }
            case "OFFICIAL": {
                if (!options.isEmpty()) {
                    throw new IllegalArgumentException("the official appender runs with its defaults; options: " + options);
                }
                SlsReceiver receiver = SlsTarget.startReceiver();
                OfficialSlsContext official = OfficialSlsContext.start(false, receiver.port());
                official.setWorkloadMdc();
                return new Target() {
                    public void log(long seq) {
                        official.log(new Object[] {Workload.orderId(seq), Workload.user(seq), Workload.amount(seq)});
                    }

                    public SlsReceiver receiver() {
                        return receiver;
                    }

                    public PipelineStats.Snapshot stats() {
                        return null;
                    }

                    public List<String> errors() {
                        return official.errors();
                    }

                    public void close() {
                        official.close();
                        receiver.close();
                    }
                };
            }
            default:
                throw new IllegalArgumentException("unknown appender " + kind + " (SLUICE or OFFICIAL)");
        }
    }

    private static void throughput(Target target, int events, int reps, int receiverDelayMs, List<Object> runs)
            throws InterruptedException {
        SlsReceiver receiver = target.receiver();
        long seq = 0;
        for (long s = seq; s < WARMUP_EVENTS; s++) {
            target.log(s);
        }
        seq += WARMUP_EVENTS;
        if (!awaitStored(receiver, WARMUP_EVENTS)) {
            throw new IllegalStateException("warm-up events did not arrive: " + target.errors());
        }
        for (int r = 0; r < reps; r++) {
            receiver.clear(); // also ends delayAll: set it again
            if (receiverDelayMs > 0) {
                receiver.delayAll(Duration.ofMillis(receiverDelayMs));
            }
            System.gc();
            Map<String, Object> run = StatsFile.record();
            PipelineStats.Snapshot before = target.stats();
            CpuMeter cpu = new CpuMeter();
            long t0 = System.nanoTime();
            for (long s = seq, end = seq + events; s < end; s++) {
                target.log(s);
            }
            long tLogged = System.nanoTime();
            boolean complete = awaitStored(receiver, events);
            long tDone = System.nanoTime();
            Map<String, Object> cpuPerEvent = cpu.perEvent(events);
            awaitQuiet(receiver);
            EndToEnd.Counted c = count(receiver.logs(SlsTarget.PROJECT, SlsTarget.LOGSTORE), seq, events);
            List<ReceivedRequest> requests = receiver.requests();
            double seconds = (tDone - t0) / 1e9;
            run.put("rep", r);
            run.put("complete", complete);
            run.put("seconds", EndToEnd.round(seconds, 3));
            run.put("logSeconds", EndToEnd.round((tLogged - t0) / 1e9, 3));
            run.put("eventsPerSec", Math.round(c.distinct / seconds));
            run.put("received", c.received);
            run.put("distinct", c.distinct);
            run.put("duplicates", c.received - c.distinct);
            run.put("lost", events - c.distinct);
            run.put("requests", requests.size());
            run.put("requestsNot200", requests.stream().filter(q -> q.status() != 200).count());
            run.put("bodyBytesPerEvent", EndToEnd.round(
                    requests.stream().mapToLong(ReceivedRequest::bodyLength).sum() / (double) events, 1));
            run.put("rawBytesPerEvent", EndToEnd.round(
                    requests.stream().mapToLong(ReceivedRequest::rawSize).sum() / (double) events, 1));
            run.put("compression", requests.isEmpty() ? null : requests.get(0).compressType());
            EndToEnd.putSluiceDelta(run, before, target.stats());
            run.put("cpu", cpuPerEvent);
            seq += events;
            System.out.println("run " + StatsFile.toJson(run));
            runs.add(run);
        }
    }

    private static boolean awaitStored(SlsReceiver receiver, int n) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (receiver.logCount(SlsTarget.PROJECT, SlsTarget.LOGSTORE) < n) {
            if (System.nanoTime() - deadline > 0) {
                System.err.println("deadline: " + receiver.logCount(SlsTarget.PROJECT, SlsTarget.LOGSTORE) + " of "
                        + n + " stored");
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    /** Waits until no log arrived for 300 ms (so late duplicates are counted), at most 10 s. */
    private static void awaitQuiet(SlsReceiver receiver) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        int last = -1;
        while (System.nanoTime() - end < 0) {
            int now = receiver.logCount(SlsTarget.PROJECT, SlsTarget.LOGSTORE);
            if (now == last) {
                return;
            }
            last = now;
            Thread.sleep(300);
        }
    }

    /** Counts stored logs of [firstSeq, firstSeq + n) by the order id in their message, and distinct ids. */
    static EndToEnd.Counted count(List<ReceivedLog> logs, long firstSeq, int n) {
        long lo = Workload.orderId(firstSeq);
        long hi = Workload.orderId(firstSeq + n);
        Set<Long> seen = new HashSet<>(n * 2);
        EndToEnd.Counted c = new EndToEnd.Counted();
        for (ReceivedLog log : logs) {
            String message = log.get("message");
            if (message == null || !message.startsWith("order ")) {
                continue;
            }
            int end = message.indexOf(' ', 6);
            long id = Long.parseLong(message.substring(6, end < 0 ? message.length() : end));
            if (id >= lo && id < hi) {
                c.received++;
                seen.add(id);
            }
        }
        c.distinct = seen.size();
        return c;
    }
}
