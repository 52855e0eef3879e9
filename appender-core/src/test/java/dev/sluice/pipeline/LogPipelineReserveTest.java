package dev.sluice.pipeline;

import dev.sluice.event.LogEvent;
import dev.sluice.testing.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Severity-aware overflow: with {@code overflowReserve}, a burst that overflows the queue turns DEBUG
 * and INFO away first and keeps WARN and above, and every drop is counted by reason and by level.
 * The sender is held in its first send, so the queue fills deterministically.
 */
class LogPipelineReserveTest extends PipelineTestBase {
    /** Per 10 events of a thread: 4 DEBUG, 4 INFO, 1 WARN, 1 ERROR (80% below WARN). */
    private static final Severity[] MIX = {Severity.DEBUG, Severity.INFO, Severity.DEBUG, Severity.INFO,
            Severity.WARN, Severity.DEBUG, Severity.INFO, Severity.DEBUG, Severity.INFO, Severity.ERROR};

    private static LogEvent event(Severity level, String message) {
        return Events.event().level(level.name(), level.levelValue()).message(message).build();
    }

    /** Starts with every send held, and waits until the sender is stuck in its first send (the queue is then empty). */
    private void startWithSenderStuck(String... options) throws InterruptedException {
        transport.holdSends();
        start(options);
        assertThat(pipeline.offer(Events.info("in-flight"))).isTrue();
        transport.awaitFirstSend();
    }

    /** What the application threads saw: per level, how many offers and the keys of the accepted events. */
    private static final class Outcome {
        final Map<Severity, Integer> offered = new EnumMap<>(Severity.class);
        final Map<Severity, Set<String>> accepted = new EnumMap<>(Severity.class);

        Outcome() {
            for (Severity s : Severity.values()) {
                offered.put(s, 0);
                accepted.put(s, new HashSet<>());
            }
        }

        int accepted(Severity s) {
            return accepted.get(s).size();
        }

        Set<String> allAccepted() {
            Set<String> all = new HashSet<>();
            accepted.values().forEach(all::addAll);
            return all;
        }
    }

    @Test
    void aBurstOfMixedLevelsKeepsEveryWarnAndErrorAndCountsTheDroppedDebugAndInfoByLevel() throws Exception {
        // 1000 events, 300 of them kept for WARN and above; 2 threads log 750 events each, 20% WARN/ERROR:
        // 300 WARN/ERROR (exactly the reserve) and 1200 DEBUG/INFO for the other 700 places.
        int threads = 2;
        int perThread = 750;
        startWithSenderStuck("queueSize", "1000", "overflowReserve", "30", "batchSize", "100", "linger", "0ms");
        Outcome outcome = new Outcome();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    Outcome mine = new Outcome();
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        Severity level = MIX[i % MIX.length];
                        String key = "t" + thread + "-" + i + "-" + level;
                        mine.offered.merge(level, 1, Integer::sum);
                        if (pipeline.offer(event(level, key))) {
                            mine.accepted.get(level).add(key);
                        }
                    }
                    return mine;
                }));
            }
            go.countDown();
            for (Future<Outcome> f : futures) {
                Outcome o = f.get(60, TimeUnit.SECONDS);
                o.offered.forEach((level, n) -> outcome.offered.merge(level, n, Integer::sum));
                o.accepted.forEach((level, keys) -> outcome.accepted.get(level).addAll(keys));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(outcome.offered).containsEntry(Severity.DEBUG, 600).containsEntry(Severity.INFO, 600)
                .containsEntry(Severity.WARN, 150).containsEntry(Severity.ERROR, 150);

        // Every WARN and ERROR found room; DEBUG and INFO never took the reserve.
        assertThat(outcome.accepted(Severity.WARN)).isEqualTo(150);
        assertThat(outcome.accepted(Severity.ERROR)).isEqualTo(150);
        int low = outcome.accepted(Severity.DEBUG) + outcome.accepted(Severity.INFO);
        // Low levels were admitted while fewer than 700 events were queued; WARN/ERROR queued by then count too.
        assertThat(low).isBetween(700 - 300, 700);
        PipelineStats.Snapshot stuck = pipeline.stats();
        assertThat(stuck.queueDepth()).isEqualTo(low + 300);

        // Counted by reason and by level, exactly: accepted + dropped = offered for each level.
        assertThat(stuck.dropped(Severity.WARN)).isZero();
        assertThat(stuck.dropped(Severity.ERROR)).isZero();
        for (Severity level : List.of(Severity.DEBUG, Severity.INFO, Severity.WARN, Severity.ERROR)) {
            assertThat(outcome.accepted(level) + stuck.dropped(level)).as(level.name())
                    .isEqualTo((long) outcome.offered.get(level));
        }
        assertThat(stuck.dropped(Severity.DEBUG)).isPositive();
        assertThat(stuck.dropped(Severity.INFO)).isPositive();
        assertThat(stuck.dropped(DropReason.QUEUE_FULL))
                .isEqualTo(stuck.dropped(Severity.DEBUG) + stuck.dropped(Severity.INFO))
                .isEqualTo(stuck.droppedTotal())
                .isEqualTo(1500L - low - 300);

        // Released, the backend gets every accepted event once, every WARN and ERROR among them.
        transport.open();
        pipeline.stop();
        List<String> sent = transport.sentKeys();
        assertThat(new HashSet<>(sent)).as("nothing sent twice").hasSameSizeAs(sent);
        Set<String> expected = outcome.allAccepted();
        expected.add("in-flight");
        assertThat(new HashSet<>(sent)).isEqualTo(expected);
        assertThat(sent.stream().filter(k -> k.endsWith("-WARN") || k.endsWith("-ERROR"))).hasSize(300);

        PipelineStats.Snapshot s = pipeline.stats();
        assertThat(s.accepted()).isEqualTo(1 + low + 300);
        assertThat(s.sent()).isEqualTo(s.accepted());
        assertThat(s.droppedByLevel()).isEqualTo(stuck.droppedByLevel());
        String summary = status.warnings().stream().filter(m -> m.contains("stopped:")).findFirst().orElseThrow();
        assertThat(summary).contains("queue full: " + s.dropped(DropReason.QUEUE_FULL)
                + "; by level at the log call: INFO " + s.dropped(Severity.INFO) + ", DEBUG " + s.dropped(Severity.DEBUG) + ")");
    }

    @Test
    void withoutAReserveTheSameBurstDropsWarnAndErrorToo() throws Exception {
        // The contrast that shows what the reserve is for: one thread, the queue filled by DEBUG/INFO first.
        startWithSenderStuck("queueSize", "100", "overflowReserve", "0", "batchSize", "100", "linger", "0ms");
        for (int i = 0; i < 100; i++) {
            assertThat(pipeline.offer(event(Severity.INFO, "info-" + i))).isTrue();
        }
        assertThat(pipeline.offer(event(Severity.ERROR, "error"))).isFalse();
        assertThat(pipeline.stats().dropped(Severity.ERROR)).isEqualTo(1);
    }

    @Test
    void withBlockALowLevelEventWaitsWhileOnlyTheReserveIsFreeAndNeverTakesIt() throws Exception {
        // 10 places, 2 reserved: INFO fills 8, then waits; WARN still finds the 2 reserved places.
        startWithSenderStuck("queueSize", "10", "overflowReserve", "20", "overflow", "block", "maxBlock", "1m",
                "batchSize", "1", "linger", "0ms");
        for (int i = 0; i < 8; i++) {
            assertThat(pipeline.offer(event(Severity.INFO, "info-" + i))).isTrue();
        }
        AtomicReference<Boolean> result = new AtomicReference<>();
        Thread app = new Thread(() -> result.set(pipeline.offer(event(Severity.INFO, "waited"))), "app-thread");
        app.start();
        eventually().until(() -> app.getState() == Thread.State.TIMED_WAITING);

        // The waiting INFO retries while two places are free, yet they stay the reserve's.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(pipeline.offer(event(Severity.WARN, "warn-0"))).isTrue();
            assertThat(pipeline.offer(event(Severity.ERROR, "error-0"))).isTrue();
        });
        assertThat(result.get()).isNull();
        assertThat(pipeline.stats().queueDepth()).isEqualTo(10);
        assertThat(pipeline.stats().droppedTotal()).isZero();

        Thread releaser = new Thread(transport::open, "releaser");
        releaser.start();
        app.join(10_000);
        assertThat(app.isAlive()).isFalse();
        assertThat(result.get()).isTrue();
        eventually().until(() -> transport.sentCount() == 12);
        assertThat(transport.sentKeys()).contains("warn-0", "error-0", "waited");
        assertThat(pipeline.stats().droppedTotal()).isZero();
    }

    @Test
    void withBlockALowLevelEventThatFindsOnlyTheReserveIsDroppedAfterMaxBlockAndCountedByLevel() throws Exception {
        startWithSenderStuck("queueSize", "10", "overflowReserve", "20", "overflow", "block", "maxBlock", "50ms",
                "batchSize", "1", "linger", "0ms");
        for (int i = 0; i < 8; i++) {
            assertThat(pipeline.offer(event(Severity.DEBUG, "debug-" + i))).isTrue();
        }
        boolean accepted = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> pipeline.offer(event(Severity.DEBUG, "gives up")));
        assertThat(accepted).isFalse();
        PipelineStats.Snapshot s = pipeline.stats();
        assertThat(s.queueDepth()).as("two places free, both reserved").isEqualTo(8);
        assertThat(s.dropped(DropReason.QUEUE_FULL)).isEqualTo(1);
        assertThat(s.dropped(Severity.DEBUG)).isEqualTo(1);
    }

    @Test
    void aLowLevelEventLargerThanTheQueueLessTheReserveIsTooLargeWhileAWarnOfTheSameSizeFits() {
        // 4 KB with half reserved: DEBUG/INFO events may hold 2 KB, WARN and above 4 KB
        start("maxQueueBytes", "4KB", "overflowReserve", "50");
        String text = "x".repeat(1000);
        LogEvent info = event(Severity.INFO, text);
        assertThat(info.estimatedBytes()).isBetween(2049L, 4096L);
        assertThat(pipeline.offer(info)).isFalse();
        assertThat(pipeline.offer(event(Severity.WARN, text))).isTrue();
        PipelineStats.Snapshot s = pipeline.stats();
        assertThat(s.dropped(DropReason.TOO_LARGE)).isEqualTo(1);
        assertThat(s.dropped(DropReason.QUEUE_FULL)).isZero();
        assertThat(s.dropped(Severity.INFO)).isEqualTo(1);
        eventually().until(() -> transport.sentCount() == 1);
    }

    @Test
    void eventsLoggedAfterStopAreCountedByLevelToo() {
        start();
        pipeline.stop();
        assertThat(pipeline.offer(event(Severity.ERROR, "late"))).isFalse();
        assertThat(pipeline.stats().dropped(DropReason.SHUTDOWN)).isEqualTo(1);
        assertThat(pipeline.stats().dropped(Severity.ERROR)).isEqualTo(1);
    }
}
