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

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch sent in several requests whose first attempt delivered its start: that start stays
 * counted as sent whatever the later attempts do (stop giving up on them, or a transport bug).
 */
class LogPipelinePartialDeliveryTest extends PipelineTestBase {
    private static final int BATCH = 10;
    private static final int DELIVERED_FIRST = 3;

    /** First attempt: the first 3 events are accepted, then a retryable failure; later attempts as given. */
    private static final class ResumingTransport implements BlockingTransport {
        private final FakeTransport encoding = new FakeTransport();
        private final CountDownLatch secondAttempt = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final boolean laterAttemptsHang;
        private int attempts;

        ResumingTransport(boolean laterAttemptsHang) {
            this.laterAttemptsHang = laterAttemptsHang;
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
            if (++attempts == 1) {
                throw new TransportException("first request ok, second failed", true).withDelivered(DELIVERED_FIRST);
            }
            secondAttempt.countDown();
            if (!laterAttemptsHang) {
                throw new IllegalStateException("transport bug on resume");
            }
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new TransportException("interrupted", true).withDelivered(DELIVERED_FIRST);
            }
            throw new TransportException("released", true).withDelivered(DELIVERED_FIRST);
        }

        @Override
        public String describe() {
            return "resuming://test";
        }

        @Override
        public void close() {
            release.countDown();
        }
    }

    private LogPipeline p;

    @AfterEach
    void stopIt() {
        if (p != null) {
            p.stop();
        }
    }

    private LogPipeline startWith(Transport t, String... options) {
        p = LogPipeline.start(pipelineName(), FieldOptions.defaults(), Pipelines.options(options), t, status);
        for (int i = 0; i < BATCH; i++) {
            p.offer(Events.info("e" + i));
        }
        return p;
    }

    @Test
    void stopGivingUpOnTheRetryCountsOnlyTheUndeliveredRestAsDropped() throws Exception {
        ResumingTransport t = new ResumingTransport(true);
        startWith(t, "batchSize", Integer.toString(BATCH), "linger", "1m", "retryBackoff", "1ms",
                "maxRetryBackoff", "1ms", "maxRetries", "5", "closeTimeout", "100ms");
        assertThat(t.secondAttempt.await(10, TimeUnit.SECONDS)).isTrue();

        p.stop();

        PipelineStats.Snapshot s = p.stats();
        assertThat(s.sent()).isEqualTo(DELIVERED_FIRST);
        assertThat(s.dropped(DropReason.SHUTDOWN)).isEqualTo(BATCH - DELIVERED_FIRST);
        assertThat(s.accepted()).isEqualTo(s.sent() + s.failed() + s.droppedTotal());
    }

    @Test
    void aTransportBugOnTheRetryStillCountsTheDeliveredStartAsSent() {
        ResumingTransport t = new ResumingTransport(false);
        startWith(t, "batchSize", Integer.toString(BATCH), "linger", "1m", "retryBackoff", "1ms",
                "maxRetryBackoff", "1ms", "maxRetries", "1");

        eventually().until(() -> p.stats().failed() > 0);
        PipelineStats.Snapshot s = p.stats();
        assertThat(s.sent()).isEqualTo(DELIVERED_FIRST);
        assertThat(s.failed()).isEqualTo(BATCH - DELIVERED_FIRST);
    }
}
