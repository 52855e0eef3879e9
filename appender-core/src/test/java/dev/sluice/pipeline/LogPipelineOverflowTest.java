package dev.sluice.pipeline;

import dev.sluice.testing.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Queue bounds (events and bytes) with overflow=drop and overflow=block. */
class LogPipelineOverflowTest extends PipelineTestBase {
    private static final Pattern DROPPED = Pattern.compile("^Dropped (\\d+) event\\(s\\)");

    private List<String> dropWarnings() {
        return status.warnings().stream().filter(m -> DROPPED.matcher(m).find()).collect(Collectors.toList());
    }

    private long droppedReported() {
        long total = 0;
        for (String w : dropWarnings()) {
            Matcher m = DROPPED.matcher(w);
            if (m.find()) {
                total += Long.parseLong(m.group(1));
            }
        }
        return total;
    }

    /** Starts with every send held, and waits until the sender is stuck in its first send. */
    private void startWithSenderStuck(String... options) throws InterruptedException {
        transport.holdSends();
        start(options);
        assertThat(pipeline.offer(Events.info("in-flight"))).isTrue();
        transport.awaitFirstSend();
    }

    @Test
    void fullQueueWithDropRejectsAtOnceCountsAndWarnsThrottled() throws InterruptedException {
        // overflowReserve 0: the whole queue for INFO (the reserve for WARN and above has its own tests)
        startWithSenderStuck("queueSize", "10", "overflowReserve", "0", "batchSize", "1", "linger", "0ms",
                "statusInterval", "50ms");
        for (int i = 0; i < 10; i++) {
            assertThat(pipeline.offer(Events.info("queued-" + i))).isTrue();
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 5_000; i++) {
                assertThat(pipeline.offer(Events.info("overflow-" + i))).isFalse();
            }
        });
        PipelineStats.Snapshot s = pipeline.stats();
        assertThat(s.dropped(DropReason.QUEUE_FULL)).isEqualTo(5_000);
        assertThat(s.queueDepth()).isEqualTo(10);

        transport.open();
        eventually().until(() -> transport.sentCount() == 11);
        eventually().until(() -> droppedReported() == 5_000);
        List<String> warnings = dropWarnings();
        assertThat(warnings).as("5000 drops, few lines").hasSizeLessThan(10);
        assertThat(warnings.get(warnings.size() - 1)).contains("queue full: 5000");
        // nothing that was queued was lost
        assertThat(transport.sentKeys()).contains("in-flight", "queued-0", "queued-9");
    }

    @Test
    void dropsAreReportedWhileTheBackendIsDown() {
        transport.alwaysFailRetryably();
        start("queueSize", "10", "batchSize", "1", "linger", "0ms", "statusInterval", "50ms",
                "maxRetries", "1000000", "retryBackoff", "5ms", "maxRetryBackoff", "20ms", "closeTimeout", "200ms");
        for (int i = 0; i < 100; i++) {
            pipeline.offer(Events.info("e-" + i));
        }
        eventually().until(() -> pipeline.stats().dropped(DropReason.QUEUE_FULL) > 0);
        eventually().until(() -> droppedReported() > 0);
    }

    @Test
    void maxQueueBytesBoundsTheQueue() throws InterruptedException {
        startWithSenderStuck("queueSize", "1000", "maxQueueBytes", "4KB", "overflowReserve", "0", "batchSize", "1",
                "linger", "0ms");
        // each event is estimated at 1158 bytes (192 base, the logger and thread names, 56 + 2 * 350 for the
        // message): three fit into 4096, the fourth does not
        String text = "m".repeat(350);
        assertThat(Events.info(text).estimatedBytes()).isEqualTo(1158);
        assertThat(pipeline.offer(Events.info(text))).isTrue();
        assertThat(pipeline.offer(Events.info(text))).isTrue();
        assertThat(pipeline.offer(Events.info(text))).isTrue();
        assertThat(pipeline.offer(Events.info(text))).isFalse();

        PipelineStats.Snapshot s = pipeline.stats();
        assertThat(s.queueDepth()).isEqualTo(3);
        assertThat(s.dropped(DropReason.QUEUE_FULL)).isEqualTo(1);
        assertThat(s.dropped(DropReason.TOO_LARGE)).isZero();

        // a small event still fits in the remaining bytes
        assertThat(pipeline.offer(Events.info("tiny"))).isTrue();

        transport.open();
        eventually().until(() -> transport.sentCount() == 5);
        // draining gave the bytes back
        for (int i = 0; i < 3; i++) {
            assertThat(pipeline.offer(Events.info(text))).isTrue();
        }
    }

    @Test
    void anEventLargerThanMaxQueueBytesIsDroppedAsTooLarge() {
        start("maxQueueBytes", "4KB");
        assertThat(pipeline.offer(Events.info("h".repeat(3_000)))).isFalse();
        PipelineStats.Snapshot s = pipeline.stats();
        assertThat(s.dropped(DropReason.TOO_LARGE)).isEqualTo(1);
        assertThat(s.dropped(DropReason.QUEUE_FULL)).isZero();

        assertThat(pipeline.offer(Events.info("fits"))).isTrue();
        eventually().until(() -> transport.sentCount() == 1);
    }

    @Test
    void blockOverflowWaitsUntilRoomAppears() throws Exception {
        startWithSenderStuck("queueSize", "2", "overflow", "block", "maxBlock", "1m", "batchSize", "1", "linger", "0ms");
        assertThat(pipeline.offer(Events.info("q1"))).isTrue();
        assertThat(pipeline.offer(Events.info("q2"))).isTrue();

        AtomicReference<Boolean> result = new AtomicReference<>();
        Thread app = new Thread(() -> result.set(pipeline.offer(Events.info("waited"))), "app-thread");
        app.start();
        // the application thread parks inside offer() instead of dropping
        eventually().until(() -> app.getState() == Thread.State.TIMED_WAITING);
        assertThat(result.get()).isNull();
        assertThat(pipeline.stats().dropped(DropReason.QUEUE_FULL)).isZero();

        Thread releaser = new Thread(transport::open, "releaser");
        releaser.start();
        app.join(10_000);
        assertThat(app.isAlive()).isFalse();
        assertThat(result.get()).isTrue();

        eventually().until(() -> transport.sentCount() == 4);
        assertThat(transport.sentKeys()).containsExactly("in-flight", "q1", "q2", "waited");
        assertThat(pipeline.stats().droppedTotal()).isZero();
    }

    @Test
    void blockOverflowDropsOnceMaxBlockHasElapsed() throws InterruptedException {
        startWithSenderStuck("queueSize", "1", "overflow", "block", "maxBlock", "100ms", "batchSize", "1", "linger", "0ms");
        assertThat(pipeline.offer(Events.info("fills the queue"))).isTrue();

        boolean accepted = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> pipeline.offer(Events.info("gives up")));
        assertThat(accepted).isFalse();
        assertThat(pipeline.stats().dropped(DropReason.QUEUE_FULL)).isEqualTo(1);
    }

    @Test
    void blockOverflowWithZeroMaxBlockBehavesLikeDrop() throws InterruptedException {
        startWithSenderStuck("queueSize", "1", "overflow", "block", "maxBlock", "0ms", "batchSize", "1", "linger", "0ms");
        assertThat(pipeline.offer(Events.info("fills the queue"))).isTrue();
        assertThat(pipeline.offer(Events.info("dropped"))).isFalse();
        assertThat(pipeline.stats().dropped(DropReason.QUEUE_FULL)).isEqualTo(1);
    }

    @Test
    void blockedOfferKeepsTheCallersInterruptAndGivesUp() throws Exception {
        startWithSenderStuck("queueSize", "1", "overflow", "block", "maxBlock", "1m", "batchSize", "1", "linger", "0ms");
        assertThat(pipeline.offer(Events.info("fills the queue"))).isTrue();

        AtomicReference<Boolean> result = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread app = new Thread(() -> {
            result.set(pipeline.offer(Events.info("interrupted")));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        }, "app-thread");
        app.start();
        eventually().until(() -> app.getState() == Thread.State.TIMED_WAITING);
        app.interrupt();
        app.join(10_000);
        assertThat(result.get()).isFalse();
        assertThat(stillInterrupted.get()).isTrue();
        assertThat(pipeline.stats().dropped(DropReason.QUEUE_FULL)).isEqualTo(1);
    }
}
