package dev.sluice.pipeline;

import dev.sluice.testing.AsyncTransport;
import dev.sluice.testing.Events;
import dev.sluice.testing.Pipelines;
import dev.sluice.testing.RecordingStatusSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several batches in flight: the window, outcomes in any order, retries beside other sends, stop. Batches are
 * cut by size only (a long linger and whole multiples of batchSize), so which events travel together never
 * depends on how fast the sender drains the queue.
 */
class LogPipelineInFlightTest {
    private final RecordingStatusSink status = new RecordingStatusSink();
    private final List<LogPipeline> started = new ArrayList<>();

    private LogPipeline start(AsyncTransport transport, String... options) {
        LogPipeline p = Pipelines.start("in-flight", transport, status, options);
        started.add(p);
        return p;
    }

    @AfterEach
    void stop() {
        started.forEach(LogPipeline::stop);
    }

    private static void offer(LogPipeline p, int n) {
        for (int i = 0; i < n; i++) {
            p.offer(Events.info("e" + i));
        }
    }

    @Test
    void upToMaxInFlightBatchesAreSentBeforeTheFirstIsAnsweredAndAllAreCountedOnceInAnyOrder() throws Exception {
        AsyncTransport transport = new AsyncTransport(Integer.MAX_VALUE);
        LogPipeline p = start(transport, "maxInFlight", "3", "batchSize", "2", "linger", "1m");
        offer(p, 10);

        List<AsyncTransport.Held> first = transport.awaitHeld(3);
        Collections.reverse(first); // the backend answers the newest first
        first.forEach(transport::complete);
        for (int answered = 3; answered < 5; answered++) {
            transport.complete(transport.awaitHeld(1).get(0));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().sent() == 10);
        assertThat(transport.mostHeld()).as("never more than maxInFlight unanswered").isEqualTo(3);
        assertThat(transport.delivered()).containsExactlyInAnyOrder("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7",
                "e8", "e9");
        assertThat(p.stats().failed()).isZero();
        assertThat(p.stats().droppedTotal()).isZero();
    }

    @Test
    void theTransportsOwnLimitBoundsTheWindow() throws Exception {
        AsyncTransport transport = new AsyncTransport(1);
        LogPipeline p = start(transport, "maxInFlight", "8", "batchSize", "1", "linger", "1m");
        offer(p, 3);
        for (int i = 0; i < 3; i++) {
            transport.complete(transport.awaitHeld(1).get(0));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().sent() == 3);
        assertThat(transport.mostHeld()).isEqualTo(1);
    }

    @Test
    void aFailedBatchIsRetriedWithOnlyItsPendingEventsWhileOthersAreInFlight() throws Exception {
        AsyncTransport transport = new AsyncTransport(Integer.MAX_VALUE);
        LogPipeline p = start(transport, "maxInFlight", "2", "batchSize", "3", "linger", "1m",
                "retryBackoff", "1ms", "maxRetryBackoff", "2ms");
        offer(p, 6);
        List<AsyncTransport.Held> two = transport.awaitHeld(2);
        transport.fail(two.get(0), true, 0); // its first event got through
        List<AsyncTransport.Held> now = transport.awaitHeld(2); // the second, and the first's retry
        AsyncTransport.Held retry = now.get(1);
        assertThat(retry.batch).isSameAs(two.get(0).batch);
        assertThat(retry.pendingMessages).containsExactly("e1", "e2");
        transport.complete(retry);
        transport.complete(now.get(0));

        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().sent() == 6);
        PipelineStats.Snapshot s = p.stats();
        assertThat(s.retries()).isEqualTo(1);
        assertThat(s.failed()).isZero();
        assertThat(transport.delivered()).hasSize(6).doesNotHaveDuplicates();
    }

    @Test
    void aBatchNotRetryableFailsAloneAndTheOthersAreDelivered() throws Exception {
        AsyncTransport transport = new AsyncTransport(Integer.MAX_VALUE);
        LogPipeline p = start(transport, "maxInFlight", "2", "batchSize", "2", "linger", "1m");
        offer(p, 4);
        List<AsyncTransport.Held> two = transport.awaitHeld(2);
        transport.fail(two.get(1), false);
        transport.complete(two.get(0));

        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().sent() + p.stats().failed() == 4);
        assertThat(p.stats().sent()).isEqualTo(2);
        assertThat(p.stats().failed()).isEqualTo(2);
        assertThat(status.errors()).anyMatch(m -> m.contains("Gave up on a batch of 2 events"));
    }

    @Test
    void stopCountsBatchesStillUnansweredAtTheDeadlineOnceEvenWhenTheirAnswerComesLater() throws Exception {
        AsyncTransport transport = new AsyncTransport(Integer.MAX_VALUE);
        LogPipeline p = start(transport, "maxInFlight", "3", "batchSize", "2", "linger", "1m", "closeTimeout", "100ms");
        offer(p, 6);
        List<AsyncTransport.Held> held = transport.awaitHeld(3);
        transport.complete(held.get(1));

        p.stop(); // the other two never answer in time

        PipelineStats.Snapshot s = p.stats();
        assertThat(s.sent()).isEqualTo(2);
        assertThat(s.dropped(DropReason.SHUTDOWN)).isEqualTo(4);
        assertThat(s.accepted()).isEqualTo(s.sent() + s.droppedTotal());
        transport.complete(held.get(0)); // a late confirm changes nothing
        transport.fail(held.get(2), true);
        assertThat(p.stats().sent()).isEqualTo(2);
        assertThat(p.stats().dropped(DropReason.SHUTDOWN)).isEqualTo(4);
    }

    @Test
    void stopWaitsForTheAnswersOfBatchesInFlightWithinCloseTimeout() throws Exception {
        AsyncTransport transport = new AsyncTransport(Integer.MAX_VALUE);
        LogPipeline p = start(transport, "maxInFlight", "3", "batchSize", "2", "linger", "1m", "closeTimeout", "10s");
        offer(p, 6);
        List<AsyncTransport.Held> held = transport.awaitHeld(3);
        Thread answering = new Thread(() -> held.forEach(transport::complete));
        Thread stopping = new Thread(p::stop);
        stopping.start();
        answering.start();
        stopping.join();
        answering.join();

        assertThat(p.stats().sent()).isEqualTo(6);
        assertThat(p.stats().droppedTotal()).isZero();
    }
}
