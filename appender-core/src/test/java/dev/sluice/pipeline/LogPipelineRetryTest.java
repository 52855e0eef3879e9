package dev.sluice.pipeline;

import dev.sluice.testing.Events;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogPipelineRetryTest extends PipelineTestBase {
    private static final String[] FAST_RETRIES = {"retryBackoff", "1ms", "maxRetryBackoff", "5ms", "batchSize", "1", "linger", "0ms"};

    private LogPipeline startFast(String... more) {
        String[] all = new String[FAST_RETRIES.length + more.length];
        System.arraycopy(FAST_RETRIES, 0, all, 0, FAST_RETRIES.length);
        System.arraycopy(more, 0, all, FAST_RETRIES.length, more.length);
        return start(all);
    }

    @Test
    void retryableFailuresAreRetriedAndThenDelivered() {
        transport.failRetryably(3);
        startFast("maxRetries", "5");
        pipeline.offer(Events.info("persistent"));

        eventually().until(() -> transport.sentCount() == 1);
        PipelineStats.Snapshot s = pipeline.stats();
        assertThat(s.retries()).isEqualTo(3);
        assertThat(s.sent()).isEqualTo(1);
        assertThat(s.failed()).isZero();
        assertThat(transport.attempts()).isEqualTo(4);
        assertThat(transport.sentKeys()).containsExactly("persistent");
        // the outage was reported, and so was the recovery
        assertThat(status.errors()).anyMatch(m -> m.contains("fake backend unavailable"));
        eventually().until(() -> status.messages(dev.sluice.testing.RecordingStatusSink.Level.INFO).stream()
                .anyMatch(m -> m.contains("resumed after 3 failed attempt(s)")));
    }

    @Test
    void sendHealthTracksAttemptsTheirTimeAndTheOngoingOutage() {
        transport.alwaysFailRetryably();
        startFast("maxRetries", "1000000");
        long before = System.currentTimeMillis();
        pipeline.offer(Events.info("waits"));

        eventually().until(() -> pipeline.stats().sends().attempts() >= 2);
        PipelineStats.SendHealth failing = pipeline.stats().sends();
        assertThat(failing.failingSinceMillis()).isBetween(before, System.currentTimeMillis());
        assertThat(failing.lastSuccessMillis()).isZero();
        assertThat(failing.lastError()).contains("fake backend unavailable");
        assertThat(failing.totalNanos()).isPositive();

        transport.recover();
        eventually().until(() -> transport.sentCount() == 1);
        PipelineStats.SendHealth recovered = pipeline.stats().sends();
        assertThat(recovered.failingSinceMillis()).isZero();
        assertThat(recovered.lastSuccessMillis()).isGreaterThanOrEqualTo(failing.failingSinceMillis());
        assertThat(recovered.attempts()).isGreaterThan(failing.attempts());
    }

    @Test
    void repeatedIdenticalFailuresAreReportedOncePerInterval() {
        transport.failRetryably(50);
        startFast("maxRetries", "100", "statusInterval", "1h");
        pipeline.offer(Events.info("x"));

        eventually().until(() -> transport.sentCount() == 1);
        long reported = status.errors().stream().filter(m -> m.contains("fake backend unavailable")).count();
        assertThat(reported).isEqualTo(1);
    }

    @Test
    void exhaustedRetriesCountTheBatchAsFailedAndReportAnError() {
        transport.alwaysFailRetryably().holdConnect();
        start("retryBackoff", "1ms", "maxRetryBackoff", "2ms", "maxRetries", "2", "batchSize", "3", "linger", "1m");
        for (int i = 0; i < 3; i++) {
            pipeline.offer(Events.info("doomed-" + i));
        }
        transport.releaseConnect();

        eventually().until(() -> pipeline.stats().failed() == 3);
        PipelineStats.Snapshot s = pipeline.stats();
        assertThat(s.retries()).isEqualTo(2);
        assertThat(s.sent()).isZero();
        assertThat(transport.attempts()).isEqualTo(3);
        // The counter is updated just before the report is written: wait for the report.
        eventually().untilAsserted(() -> assertThat(status.errors()).anyMatch(m -> m.contains("Gave up on a batch of 3 events")
                && m.contains("after 3 attempt(s)") && m.contains("fake://in-memory")));
    }

    @Test
    void nonRetryableFailureIsNotRetriedAndLaterEventsStillFlow() {
        transport.failPermanently(1);
        startFast("maxRetries", "5");
        pipeline.offer(Events.info("rejected"));
        eventually().until(() -> pipeline.stats().failed() == 1);
        assertThat(pipeline.stats().retries()).isZero();
        assertThat(transport.attempts()).isEqualTo(1);
        assertThat(status.errors()).anyMatch(m -> m.contains("after 1 attempt(s)"));

        pipeline.offer(Events.info("accepted"));
        eventually().until(() -> transport.sentCount() == 1);
        assertThat(transport.sentKeys()).containsExactly("accepted");
    }

    @Test
    void maxRetriesZeroMeansASingleAttempt() {
        transport.failRetryably(1);
        startFast("maxRetries", "0");
        pipeline.offer(Events.info("once"));
        eventually().until(() -> pipeline.stats().failed() == 1);
        assertThat(pipeline.stats().retries()).isZero();
        assertThat(transport.attempts()).isEqualTo(1);
    }

    @Test
    void anUnexpectedRuntimeExceptionFromTheTransportIsRetriedNotFatal() {
        transport.failWithRuntimeException(2);
        startFast("maxRetries", "5");
        pipeline.offer(Events.info("survivor"));

        eventually().until(() -> transport.sentCount() == 1);
        assertThat(pipeline.stats().retries()).isEqualTo(2);
        assertThat(status.errors()).anyMatch(m -> m.contains("Unexpected error sending to fake://in-memory")
                && m.contains("IllegalStateException"));
    }

    @Test
    void anOutOfMemoryErrorWhileSendingIsRetriedAndDoesNotEndTheSender() {
        transport.failWithOutOfMemoryError(1);
        startFast("maxRetries", "5");
        pipeline.offer(Events.info("after the heap recovered"));

        eventually().until(() -> transport.sentCount() == 1);
        assertThat(pipeline.stats().retries()).isEqualTo(1);
        assertThat(pipeline.stats().sent()).isEqualTo(1);
    }

    @Test
    void anErrorWhileConnectingIsReportedAndSendingStillGoesOn() {
        transport.failConnectWith(new NoClassDefFoundError("fake/client/Missing"));
        startFast("maxRetries", "5");
        pipeline.offer(Events.info("sent anyway"));

        eventually().until(() -> transport.sentCount() == 1);
        assertThat(status.errors()).anyMatch(m -> m.contains("Could not connect to fake://in-memory"));
    }
}
