package dev.sluice.pipeline;

import dev.sluice.transport.BlockingTransport;
import dev.sluice.transport.Batch;
import dev.sluice.encode.EventEncoder;
import dev.sluice.fields.FieldComposer;
import dev.sluice.fields.FieldOptions;
import dev.sluice.testing.Events;
import dev.sluice.testing.FakeTransport;
import dev.sluice.testing.Pipelines;
import dev.sluice.transport.Transport;
import dev.sluice.transport.TransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transport that marks events one by one (delivered, or dropped as a problem of that event
 * alone): each event is counted once, by its mark, and a retry is offered only the pending ones.
 */
class LogPipelineEventMarksTest extends PipelineTestBase {
    private static final int BATCH = 6;

    /** Drops event 1 on the first attempt, delivers all but event 4 (a "nack"), then delivers the rest. */
    private static final class MarkingTransport implements BlockingTransport {
        private final FakeTransport encoding = new FakeTransport();
        private final int failingAttempts;
        final List<List<Integer>> pendingPerAttempt = new ArrayList<>();

        MarkingTransport(int failingAttempts) {
            this.failingAttempts = failingAttempts;
        }

        @Override
        public EventEncoder encoder(FieldComposer composer) {
            return encoding.encoder(composer);
        }

        @Override
        public void connect() {
        }

        @Override
        public void send(Batch batch) throws TransportException {
            List<Integer> pending = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (batch.isPending(i)) {
                    pending.add(i);
                }
            }
            pendingPerAttempt.add(pending);
            if (pendingPerAttempt.size() == 1) {
                batch.reject(1);
            }
            for (int i : pending) {
                if (i != 4 && i != 1) {
                    batch.delivered(i);
                }
            }
            if (pendingPerAttempt.size() <= failingAttempts) {
                throw new TransportException("event 4 nacked", true);
            }
        }

        @Override
        public String describe() {
            return "marking://test";
        }

        @Override
        public void close() {
        }
    }

    private LogPipeline p;

    @AfterEach
    void stopIt() {
        if (p != null) {
            p.stop();
        }
    }

    private void startWith(Transport t, String maxRetries) {
        p = LogPipeline.start(pipelineName(), FieldOptions.defaults(), Pipelines.options("batchSize", Integer.toString(BATCH),
                "linger", "1m", "retryBackoff", "1ms", "maxRetryBackoff", "1ms", "maxRetries", maxRetries), t, status);
        for (int i = 0; i < BATCH; i++) {
            p.offer(Events.info("e" + i));
        }
    }

    @Test
    void aRetryGetsOnlyThePendingEventsAndEachEventIsCountedOnce() {
        MarkingTransport t = new MarkingTransport(1);
        startWith(t, "3");
        p.stop();

        assertThat(t.pendingPerAttempt).containsExactly(List.of(0, 1, 2, 3, 4, 5), List.of(4));
        PipelineStats.Snapshot s = p.stats();
        assertThat(s.sent()).isEqualTo(BATCH - 1);
        assertThat(s.dropped(DropReason.REJECTED)).isEqualTo(1);
        assertThat(s.failed()).isZero();
        assertThat(s.retries()).isEqualTo(1);
        assertThat(s.accepted()).isEqualTo(s.sent() + s.failed() + s.droppedTotal());
    }

    @Test
    void givingUpCountsOnlyThePendingEventsAsFailed() {
        MarkingTransport t = new MarkingTransport(Integer.MAX_VALUE);
        startWith(t, "2");
        p.stop();

        assertThat(t.pendingPerAttempt).containsExactly(List.of(0, 1, 2, 3, 4, 5), List.of(4), List.of(4));
        PipelineStats.Snapshot s = p.stats();
        assertThat(s.sent()).isEqualTo(BATCH - 2);
        assertThat(s.dropped(DropReason.REJECTED)).isEqualTo(1);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(status.all()).anySatisfy(m -> assertThat(m)
                .contains("Gave up on the last 1 of a batch of 6 events (4 delivered, 1 dropped)"));
    }
}
