package dev.sluice.logback;

import ch.qos.logback.core.status.Status;
import dev.sluice.pipeline.PipelineStats;
import dev.sluice.testkit.sls.ReceivedLog;
import dev.sluice.testkit.sls.ReceivedRequest;
import dev.sluice.testkit.sls.SlsReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, item 2: the SlsAppender with several PutLogs requests in flight (maxInFlight), against the testkit
 * receiver, which verifies every signature and decodes every body. Faults are aimed at the request carrying a
 * given event, so each hits the intended request whatever order the concurrent requests arrive in; the receiver
 * holds its answers until as many requests as the window allows are in flight at once.
 */
class SlsConcurrentRequestsIT {
    private static final String SECRET = "s3cr3t-concurrent";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private SlsReceiver receiver;
    private LogbackFixture logback;

    @BeforeEach
    void startReceiver() {
        receiver = SlsReceiver.builder().port(0).key("AKID", SECRET).start();
    }

    @AfterEach
    void stop() {
        receiver.releaseAnswers();
        if (logback != null) {
            logback.close();
        }
        receiver.close();
    }

    private Logger configure(String... extra) {
        logback = LogbackFixture.sls(receiver.endpoint(), SECRET, extra);
        return logback.context.getLogger("com.shop.Orders");
    }

    /**
     * Batches of 6000 events, each sent in two requests (4096 + 1904 logs), four batches in flight at once:
     * a retryable failure of a batch's second request (its first stays delivered: only the rest is resent), a
     * request failing twice, a dropped connection, a RequestTimeExpired (re-signed). Every event is stored once
     * and the counters add up.
     */
    @Test
    void withFaultsInSomeOfTheConcurrentRequestsEveryEventIsStoredExactlyOnceAndTheCountersAddUp() {
        int n = 30_000;
        receiver.failNextCarrying(1, "message", "event 5000", 503, "ServerBusy", "busy");
        receiver.failNextCarrying(2, "message", "event 6100", 500, "InternalServerError", "oops");
        receiver.failNextCarrying(1, "message", "event 17000", 400, "RequestTimeExpired", "expired");
        receiver.dropNextConnections(1); // whichever other request comes first
        receiver.holdAnswers();
        Logger log = configure("batchSize", "6000", "linger", "1m", "maxInFlight", "4");
        SlsAppender appender = logback.slsAppender("SLS");
        for (int i = 0; i < n; i++) {
            log.info("event {}", i);
        }

        receiver.awaitHeldAnswers(4, WAIT); // the first request of four batches, all in flight at once
        receiver.releaseAnswers();
        await().atMost(WAIT).until(() -> appender.getStats().sent() == n);
        logback.context.stop();

        List<ReceivedLog> logs = receiver.logs("shop", "backend");
        Set<String> distinct = new HashSet<>();
        logs.forEach(l -> distinct.add(l.get("message")));
        assertThat(logs).hasSize(n);
        assertThat(distinct).hasSize(n);
        PipelineStats.Snapshot stats = appender.getStats();
        assertThat(stats.accepted()).isEqualTo(n);
        assertThat(stats.sent()).isEqualTo(n);
        assertThat(stats.failed()).isZero();
        assertThat(stats.droppedTotal()).isZero();
        assertThat(stats.accepted()).isEqualTo(stats.sent() + stats.failed() + stats.droppedTotal() + stats.collapsed());
        assertThat(stats.retries()).as("503 once, 500 twice, one dropped connection; not the re-signing")
                .isEqualTo(4);
        assertThat(receiver.mostRequestsAtOnce()).isEqualTo(4);

        List<ReceivedRequest> requests = receiver.requests();
        assertThat(requests).filteredOn(r -> "ServerBusy".equals(r.errorCode())).singleElement()
                .satisfies(r -> assertThat(r.logCount()).isEqualTo(1904));
        assertThat(requests).filteredOn(r -> "RequestTimeExpired".equals(r.errorCode())).hasSize(1);
        assertThat(requests).filteredOn(ReceivedRequest::dropped).hasSize(1);
        // The resent rest of batch 0 was one request of its 1904 undelivered logs.
        String resentId = logs.stream().filter(l -> l.get("message").equals("event 5000")).findFirst()
                .map(ReceivedLog::requestId).orElseThrow();
        assertThat(requests).filteredOn(r -> r.requestId().equals(resentId)).singleElement()
                .satisfies(r -> assertThat(r.logCount()).isEqualTo(1904));
    }

    @Test
    void aNonRetryableErrorFailsOnlyItsBatchWhileTheOthersInFlightAreDelivered() {
        int n = 1000;
        receiver.failNextCarrying(1, "message", "event 250", 401, "Unauthorized", "key disabled");
        receiver.holdAnswers();
        Logger log = configure("batchSize", "100", "linger", "1m", "maxInFlight", "4", "maxRetries", "3");
        SlsAppender appender = logback.slsAppender("SLS");
        for (int i = 0; i < n; i++) {
            log.info("event {}", i);
        }

        receiver.awaitHeldAnswers(4, WAIT); // batches 0-3, the failing one among them
        receiver.releaseAnswers();
        await().atMost(WAIT).until(() -> appender.getStats().sent() + appender.getStats().failed() == n);

        PipelineStats.Snapshot stats = appender.getStats();
        assertThat(stats.failed()).isEqualTo(100);
        assertThat(stats.sent()).isEqualTo(n - 100);
        assertThat(stats.retries()).isZero();
        assertThat(stats.accepted()).isEqualTo(stats.sent() + stats.failed() + stats.droppedTotal() + stats.collapsed());
        List<ReceivedLog> logs = receiver.logs("shop", "backend");
        Set<String> distinct = new HashSet<>();
        logs.forEach(l -> distinct.add(l.get("message")));
        assertThat(logs).hasSize(n - 100);
        assertThat(distinct).hasSize(n - 100);
        for (int i = 200; i < 300; i++) {
            assertThat(distinct).doesNotContain("event " + i);
        }
        assertThat(logback.statusMessages(Status.ERROR)).anySatisfy(m -> assertThat(m)
                .contains("Gave up on a batch of 100 events").contains("(not retryable)").contains("Unauthorized"));
    }
}
