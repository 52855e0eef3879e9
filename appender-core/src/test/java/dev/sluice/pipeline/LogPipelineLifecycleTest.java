package dev.sluice.pipeline;

import dev.sluice.runtime.SluiceThread;
import dev.sluice.event.DeferredMessage;
import dev.sluice.testing.Events;
import dev.sluice.testing.RecordingStatusSink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Start, stop, drain, shutdown accounting, encode failures and the sender thread itself. */
class LogPipelineLifecycleTest extends PipelineTestBase {

    private Optional<Thread> senderThread() {
        String name = "sluice-" + pipelineName();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst();
    }

    private static DeferredMessage throwingMessage() {
        return new DeferredMessage() {
            @Override
            public String format() {
                throw new IllegalArgumentException("cannot format");
            }

            @Override
            public long estimatedBytes() {
                return 32;
            }
        };
    }

    @Test
    void stopDrainsEverythingQueued() {
        transport.holdConnect();
        start("batchSize", "7", "linger", "1m");
        for (int i = 0; i < 100; i++) {
            assertThat(pipeline.offer(Events.info("e-" + i))).isTrue();
        }
        transport.releaseConnect();
        pipeline.stop();

        List<String> keys = transport.sentKeys();
        assertThat(keys).hasSize(100);
        assertThat(new HashSet<>(keys)).hasSize(100);
        PipelineStats.Snapshot s = pipeline.stats();
        assertThat(s.sent()).isEqualTo(100);
        assertThat(s.droppedTotal()).isZero();
        assertThat(s.queueDepth()).isZero();
        assertThat(transport.isClosed()).isTrue();
        assertThat(status.warnings()).isEmpty();
        assertThat(status.messages(RecordingStatusSink.Level.INFO))
                .anyMatch(m -> m.contains("'" + pipelineName() + "' stopped") && m.contains("sent=100"));
    }

    @Test
    void stopWithATransportThatNeverReturnsGivesUpAfterCloseTimeoutAndCountsShutdownDrops() throws Exception {
        transport.holdSends();
        start("batchSize", "5", "linger", "0ms", "closeTimeout", "300ms");
        for (int i = 0; i < 20; i++) {
            assertThat(pipeline.offer(Events.info("stuck-" + i))).isTrue();
        }
        transport.awaitFirstSend();

        assertTimeoutPreemptively(Duration.ofSeconds(20), pipeline::stop);

        PipelineStats.Snapshot s = pipeline.stats();
        assertThat(s.sent()).isZero();
        assertThat(s.failed()).isZero();
        assertThat(s.dropped(DropReason.SHUTDOWN)).isEqualTo(20);
        assertThat(status.warnings()).anyMatch(m -> m.contains("stopped") && m.contains("20 event(s) were not delivered"));
        assertThat(transport.isClosed()).isTrue();
        eventually().until(() -> senderThread().isEmpty());
    }

    @Test
    void acceptedNeverDecreasesWhenStopDrainsTheQueue() throws Exception {
        transport.holdSends();
        start("batchSize", "5", "linger", "0ms", "closeTimeout", "300ms");
        for (int i = 0; i < 20; i++) {
            assertThat(pipeline.offer(Events.info("stuck-" + i))).isTrue();
        }
        transport.awaitFirstSend();
        assertThat(pipeline.stats().accepted()).isEqualTo(20);

        assertTimeoutPreemptively(Duration.ofSeconds(20), pipeline::stop);

        assertThat(pipeline.stats().accepted()).isEqualTo(20);
    }

    @Test
    void stopCountsTheInFlightBatchOfASendThatIgnoresInterrupts() throws Exception {
        transport.holdSendsIgnoringInterrupts().holdConnect();
        start("batchSize", "5", "linger", "1m", "closeTimeout", "100ms");
        for (int i = 0; i < 8; i++) {
            pipeline.offer(Events.info("e-" + i));
        }
        transport.releaseConnect();
        transport.awaitFirstSend(); // 5 events in the stuck send, 3 still queued

        assertTimeoutPreemptively(Duration.ofSeconds(20), pipeline::stop);

        PipelineStats.Snapshot s = pipeline.stats();
        assertThat(s.sent() + s.failed() + s.droppedTotal()).isEqualTo(8);
        assertThat(status.warnings()).anyMatch(m -> m.contains("8 event(s) were not delivered"));
    }

    @Test
    void eventsOfferedAfterStopAreCountedAsShutdownDrops() {
        start();
        pipeline.stop();
        assertThat(pipeline.isStopped()).isTrue();
        assertThat(pipeline.offer(Events.info("late-1"))).isFalse();
        assertThat(pipeline.offer(Events.info("late-2"))).isFalse();
        assertThat(pipeline.stats().dropped(DropReason.SHUTDOWN)).isEqualTo(2);
        assertThat(transport.sentCount()).isZero();
    }

    @Test
    void stopIsIdempotent() {
        start();
        pipeline.offer(Events.info("one"));
        pipeline.stop();
        int statusLines = status.entries().size();
        pipeline.stop();
        assertThat(status.entries()).hasSize(statusLines);
        assertThat(transport.sentKeys()).containsExactly("one");
    }

    @Test
    void anEncodeFailureIsCountedAndTheSenderKeepsDelivering() {
        start("batchSize", "1", "linger", "0ms");
        pipeline.offer(Events.info("before"));
        pipeline.offer(Events.event().message(throwingMessage()).logger("com.example.Broken").build());
        pipeline.offer(Events.info("after"));

        eventually().until(() -> transport.sentCount() == 2);
        assertThat(transport.sentKeys()).containsExactly("before", "after");
        assertThat(pipeline.stats().dropped(DropReason.ENCODE_ERROR)).isEqualTo(1);
        assertThat(status.entries()).anyMatch(e -> e.level == RecordingStatusSink.Level.WARN
                && e.message.contains("Could not encode") && e.message.contains("com.example.Broken")
                && e.cause instanceof IllegalArgumentException);

        for (int i = 0; i < 50; i++) {
            pipeline.offer(Events.info("more-" + i));
        }
        eventually().until(() -> transport.sentCount() == 52);
    }

    @Test
    void manyEncodeFailuresWarnOnceImmediatelyAndAreSummarisedLater() {
        start("batchSize", "1", "linger", "0ms", "statusInterval", "50ms");
        for (int i = 0; i < 200; i++) {
            pipeline.offer(Events.info(throwingMessage()));
        }
        pipeline.offer(Events.info("fine"));
        eventually().until(() -> transport.sentCount() == 1);
        assertThat(pipeline.stats().dropped(DropReason.ENCODE_ERROR)).isEqualTo(200);
        assertThat(status.warnings().stream().filter(m -> m.contains("Could not encode"))).hasSize(1);
        eventually().until(() -> status.warnings().stream().anyMatch(m -> m.contains("encode error: 200")));
    }

    @Test
    void aHostileKeyValueKeyDoesNotKillTheAppender() {
        start("batchSize", "1", "linger", "0ms");
        Object nullNamedKey = new Object() {
            @Override
            public String toString() {
                return null;
            }
        };
        pipeline.offer(Events.event().message("hostile").keyValues(nullNamedKey, "v").build());
        for (int i = 0; i < 10; i++) {
            pipeline.offer(Events.info("later-" + i));
        }
        eventually().until(() -> transport.sentKeys().contains("later-9"));
        for (dev.sluice.testing.FakeTransport.SentBatch b : transport.batches()) {
            for (byte[] body : b.bodies) {
                dev.sluice.testing.Json.parse(body);
            }
        }
    }

    @Test
    void anUnreadableEventCountsAsEncodeErrorAndTheFirstIsReportedWithItsCause() {
        start();
        pipeline.rejected(new IllegalStateException("no MDC adapter"));
        pipeline.rejected(new IllegalStateException("again"));
        assertThat(pipeline.stats().dropped(DropReason.ENCODE_ERROR)).isEqualTo(2);
        assertThat(status.entries()).filteredOn(e -> e.message.contains("could not read an event")).singleElement()
                .satisfies(e -> assertThat(e.cause).hasMessage("no MDC adapter"));
    }

    @Test
    void senderIsADaemonSluiceThreadNamedAfterThePipelineAndGoneAfterStop() {
        start();
        eventually().until(() -> senderThread().isPresent());
        Thread sender = senderThread().orElseThrow();
        assertThat(sender).isInstanceOf(SluiceThread.class);
        assertThat(sender.isDaemon()).isTrue();
        assertThat(sender.getName()).isEqualTo("sluice-" + pipelineName());
        assertThat(SluiceThread.isCurrent()).isFalse();

        pipeline.stop();
        assertThat(sender.isAlive()).isFalse();
        assertThat(senderThread()).isEmpty();
    }

    @Test
    void transportIsConnectedOnTheSenderThreadAndClosedOnStop() {
        start();
        eventually().until(() -> transport.connects() == 1);
        assertThat(transport.isClosed()).isFalse();
        pipeline.stop();
        assertThat(transport.isClosed()).isTrue();
    }

    @Test
    void statsAddUpAfterAMixedRun() {
        transport.failPermanently(1);
        start("batchSize", "1", "linger", "0ms", "maxQueueBytes", "2KB");
        pipeline.offer(Events.info("failed-permanently"));
        pipeline.offer(Events.info("t".repeat(2_000)));          // too large
        pipeline.offer(Events.info(throwingMessage()));          // encode error
        pipeline.offer(Events.info("sent"));
        pipeline.stop();
        pipeline.offer(Events.info("after stop"));

        PipelineStats.Snapshot s = pipeline.stats();
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.sent()).isEqualTo(1);
        assertThat(s.dropped(DropReason.TOO_LARGE)).isEqualTo(1);
        assertThat(s.dropped(DropReason.ENCODE_ERROR)).isEqualTo(1);
        assertThat(s.dropped(DropReason.SHUTDOWN)).isEqualTo(1);
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(s.toString()).contains("sent=1").contains("failed=1").contains("too large: 1");
    }
}
