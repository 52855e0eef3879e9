package dev.sluice.logback;

import ch.qos.logback.core.status.Status;
import dev.sluice.pipeline.DropReason;
import dev.sluice.pipeline.PipelineStats;
import dev.sluice.testkit.sls.ReceivedLog;
import dev.sluice.testkit.sls.ReceivedRequest;
import dev.sluice.testkit.sls.SlsReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.MDC;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Logback SlsAppender, configured from XML, against the testkit SLS receiver over real HTTP. */
class SlsAppenderIT {
    private static final String SECRET = "s3cr3t-Value-never-shown";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private SlsReceiver receiver;
    private LogbackFixture logback;

    @BeforeEach
    void startReceiver() {
        receiver = SlsReceiver.builder().port(0).key("AKID", SECRET).key("STSID", "sts-secret", "sts-token-1").start();
    }

    @AfterEach
    void stop() {
        if (logback != null) {
            logback.close();
        }
        receiver.close();
        MDC.clear();
    }

    private Logger configure(String... extra) {
        logback = LogbackFixture.sls(receiver.endpoint(), SECRET, extra);
        return logback.context.getLogger("com.shop.Orders");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lz4", "deflate", "none"})
    void eventsArriveWithFieldsTimeTopicSourceAndTags(String compression) throws Exception {
        Logger log = configure("compression", compression);
        Instant before = Instant.now();
        MDC.put("requestId", "r-42");
        log.info("order {} placed by user={}", 1001, "alice");
        MDC.remove("requestId");
        log.warn("stock low", new IllegalStateException("only 2 left"));
        Instant after = Instant.now();

        List<ReceivedLog> logs = receiver.awaitLogs("shop", "backend", 2, WAIT);

        ReceivedLog info = logs.get(0);
        assertThat(info.fields())
                .containsEntry("message", "order 1001 placed by user=alice")
                .containsEntry("logger_name", "com.shop.Orders")
                .containsEntry("level", "INFO")
                .containsEntry("level_value", "20000")
                .containsEntry("project", "shop")
                .containsEntry("application", "backend")
                .containsEntry("requestId", "r-42")
                .containsKeys("thread_name", "host", "pid", "@version")
                .doesNotContainKey("@timestamp");
        long nanos = info.time() * 1_000_000_000L + info.timeNs();
        assertThat(nanos).isBetween(before.getEpochSecond() * 1_000_000_000L + before.getNano() - 1_000_000,
                after.getEpochSecond() * 1_000_000_000L + after.getNano());
        assertThat(info.topic()).isEqualTo("orders");
        assertThat(info.source()).isEqualTo(InetAddress.getLocalHost().getHostAddress());
        assertThat(info.tags()).containsEntry("zone", "eu-1").containsEntry("env", "test");
        assertThat(logs.get(1).get("stack_trace")).contains("IllegalStateException: only 2 left");

        ReceivedRequest request = awaitRequests(1).get(0);
        assertThat(request.status()).isEqualTo(200);
        assertThat(request.header("Host")).isEqualTo("shop.127.0.0.1:" + receiver.port());
        assertThat(request.header("x-log-apiversion")).isEqualTo("0.6.0");
        assertThat(request.compressType()).isEqualTo(compression.equals("none") ? null : compression);
        assertThat(request.header("Authorization")).startsWith("LOG AKID:");
    }

    @Test
    void fieldsExtractedFromJsonAndKeyValueMessagesArriveAsContents() {
        Logger log = configure("extractJson", "true", "extractKv", "true", "extractKvDropMessage", "true");
        log.info("{}", "{\"orderId\":1001,\"paid\":true,\"items\":[{\"sku\":\"A-1\"}],\"level\":\"custom\"}");
        log.error("payment failed reason=103 user=\"xiao ming\" amount=12.5");

        List<ReceivedLog> logs = receiver.awaitLogs("shop", "backend", 2, WAIT);
        assertThat(logs.get(0).fields())
                .containsEntry("orderId", "1001")
                .containsEntry("paid", "true")
                .containsEntry("items", "[{\"sku\":\"A-1\"}]")
                .containsEntry("level", "INFO")
                .containsEntry("level_json", "custom")
                .containsKey("message");
        assertThat(logs.get(1).fields())
                .containsEntry("reason", "103")
                .containsEntry("user", "xiao ming")
                .containsEntry("amount", "12.5")
                .containsEntry("level", "ERROR")
                .doesNotContainKey("message");
    }

    @Test
    void aLogOverOneMegabyteArrivesCutWithAMarkerInsteadOfBeingRejected() {
        Logger log = configure("maxMessageLength", "4000000");
        log.info("{}", "x".repeat(2_000_000));
        log.info("small one after it");

        List<ReceivedLog> logs = receiver.awaitLogs("shop", "backend", 2, WAIT);
        ReceivedLog big = logs.get(0);
        assertThat(big.get("sluice_truncated")).startsWith("log of ").contains("bytes cut");
        assertThat(big.get("message")).startsWith("xxxx").endsWith("...[truncated]");
        assertThat(big.contents().stream().mapToInt(c -> c.getKey().length() + c.getValue().length()).sum())
                .isLessThan(1024 * 1024);
        assertThat(big.fields()).containsEntry("level", "INFO").containsEntry("project", "shop");
        assertThat(logs.get(1).get("message")).isEqualTo("small one after it");
        assertThat(logback.slsAppender("SLS").getStats().failed()).isZero();
    }

    @Test
    void stsTokenIsSentAndSigned() {
        Logger log = configure("akId", "STSID", "akSecret", "sts-secret", "token", "sts-token-1");
        log.info("with a temporary credential");

        receiver.awaitLogs("shop", "backend", 1, WAIT);
        ReceivedRequest request = awaitRequests(1).get(0);
        assertThat(request.status()).isEqualTo(200);
        assertThat(request.header("x-acs-security-token")).isEqualTo("sts-token-1");
    }

    @ParameterizedTest
    @CsvSource({"503,ServerBusy", "500,InternalServerError", "403,WriteQuotaExceed", "403,ShardWriteQuotaExceed",
            "403,ExceedQuota", "429,TooManyRequests"})
    void retryableAnswersAreRetriedUntilAccepted(int status, String code) {
        receiver.failNext(2, status, code, "try later");
        Logger log = configure();
        log.info("survives " + code);

        List<ReceivedLog> logs = receiver.awaitLogs("shop", "backend", 1, WAIT);
        assertThat(logs).extracting(l -> l.get("message")).containsExactly("survives " + code);
        assertThat(awaitRequests(3)).extracting(ReceivedRequest::status).containsExactly(status, status, 200);
        PipelineStats.Snapshot stats = awaitSent(1);
        assertThat(stats.retries()).isEqualTo(2);
        assertThat(stats.failed()).isZero();
    }

    @Test
    void expiredRequestTimeIsResignedAtOnce() {
        receiver.failNext(1, 400, "RequestTimeExpired", "Request time expired");
        Logger log = configure();
        log.info("re-signed");

        receiver.awaitLogs("shop", "backend", 1, WAIT);
        List<ReceivedRequest> requests = awaitRequests(2);
        assertThat(requests).extracting(ReceivedRequest::status).containsExactly(400, 200);
        assertThat(awaitSent(1).retries()).as("re-signed within the attempt, not a backoff retry").isZero();
    }

    @ParameterizedTest
    @CsvSource({"401,Unauthorized", "401,SignatureNotMatch", "404,ProjectNotExist", "404,LogStoreNotExist",
            "400,InvalidLogSize"})
    void permanentErrorsFailTheBatchWithOneClearStatusError(int status, String code) {
        receiver.failNext(1, status, code, "explained by the server");
        Logger log = configure("maxRetries", "3");
        log.info("will fail");

        await().atMost(WAIT).until(() -> logback.slsAppender("SLS").getStats().failed() == 1);
        PipelineStats.Snapshot stats = logback.slsAppender("SLS").getStats();
        assertThat(stats.retries()).isZero();
        assertThat(receiver.requests()).hasSize(1);
        String requestId = receiver.requests().get(0).requestId();
        await().atMost(WAIT).untilAsserted(() -> assertThat(logback.statusMessages(Status.ERROR))
                .anySatisfy(m -> assertThat(m).contains(code).contains("explained by the server")
                        .contains("request id " + requestId).contains("HTTP " + status)));
        if (status == 401) {
            assertThat(logback.statusMessages(Status.ERROR)).anySatisfy(m -> assertThat(m).contains("access key id AKID"));
        }
        assertThat(logback.sluiceStatusText()).doesNotContain(SECRET);
    }

    @Test
    void wrongSecretIsRejectedByTheServerAndReportedWithoutTheSecret() {
        Logger log = configure("akSecret", "wrong-" + SECRET);
        log.info("signed with the wrong secret");

        await().atMost(WAIT).until(() -> logback.slsAppender("SLS").getStats().failed() == 1);
        assertThat(receiver.requests()).extracting(ReceivedRequest::errorCode).containsExactly("SignatureNotMatch");
        assertThat(logback.statusMessages(Status.ERROR)).anySatisfy(m -> assertThat(m).contains("SignatureNotMatch"));
        assertThat(logback.sluiceStatusText()).doesNotContain(SECRET);
        assertThat(receiver.logCount("shop", "backend")).isZero();
    }

    @Test
    void unparseableErrorBodiesAreReportedWithTheHttpStatus() {
        receiver.failNextWithBody(1, 502, "<html>Bad Gateway</html>");
        receiver.failNextWithBody(1, 400, "<html>Bad Request from a proxy</html>");
        Logger log = configure();
        log.info("behind a proxy");

        await().atMost(WAIT).until(() -> logback.slsAppender("SLS").getStats().failed() == 1);
        assertThat(logback.slsAppender("SLS").getStats().retries()).as("502 retried, then 400 not").isEqualTo(1);
        assertThat(logback.statusMessages(Status.ERROR)).anySatisfy(m -> assertThat(m)
                .contains("HTTP 400 with an unparseable body: <html>Bad Request from a proxy</html>"));
    }

    @Test
    void droppedConnectionsAndTimeoutsAreRetried() {
        receiver.dropNextConnections(1);
        receiver.delayNext(1, Duration.ofSeconds(3));
        Logger log = configure("requestTimeout", "500ms");
        log.info("patient");

        await().atMost(WAIT).until(() -> logback.slsAppender("SLS").getStats().sent() == 1);
        assertThat(logback.slsAppender("SLS").getStats().retries()).isGreaterThanOrEqualTo(2);
        assertThat(receiver.logs("shop", "backend")).extracting(l -> l.get("message")).contains("patient");
    }

    @Test
    void tooLargeBodiesAreSplitAndResentWithoutDuplicates() {
        receiver.close();
        receiver = SlsReceiver.builder().port(0).key("AKID", SECRET).maxRawBodyBytes(20_000).start();
        Logger log = configure("batchSize", "200", "compression", "none");
        String padding = "p".repeat(400);
        for (int i = 0; i < 200; i++) {
            log.info("big {} {}", i, padding);
        }

        List<ReceivedLog> logs = receiver.awaitLogs("shop", "backend", 200, WAIT);
        assertThat(logs.stream().map(l -> l.get("message")).collect(Collectors.toSet())).hasSize(200);
        assertThat(receiver.requests()).anySatisfy(r -> assertThat(r.errorCode()).isEqualTo("PostBodyTooLarge"));
        assertThat(logback.slsAppender("SLS").getStats().failed()).isZero();
    }

    /**
     * Issue 10, defect 5: behind a body limit (a proxy's 1 MB, here the receiver's 20 KB), halving
     * reached the one big log, still refused, and the rest of the batch was failed unsent.
     */
    @Test
    void aLogTooLargeEvenAloneIsDroppedAndTheRestOfItsBatchIsSent() {
        receiver.close();
        receiver = SlsReceiver.builder().port(0).key("AKID", SECRET).maxRawBodyBytes(20_000).start();
        Logger log = configure("batchSize", "7", "linger", "1m", "compression", "none");
        SlsAppender appender = logback.slsAppender("SLS");
        for (int i = 0; i < 7; i++) {
            log.info("event {}{}", i, i == 3 ? " " + "b".repeat(100_000) : "");
        }
        logback.context.stop();

        assertThat(receiver.logs("shop", "backend")).extracting(l -> l.get("message"))
                .containsExactlyInAnyOrder("event 0", "event 1", "event 2", "event 4", "event 5", "event 6");
        PipelineStats.Snapshot stats = appender.getStats();
        assertThat(stats.sent()).isEqualTo(6);
        assertThat(stats.dropped(DropReason.REJECTED)).isEqualTo(1);
        assertThat(stats.failed()).isZero();
        assertThat(logback.statusMessages(Status.WARN)).anySatisfy(m -> assertThat(m)
                .contains("dropped a log that").contains("refuses as too large even alone"));
    }

    @Test
    void aBatchThatFailsAfterItsFirstRequestCountsOnlyTheRestAsFailed() {
        receiver.delayNext(1, Duration.ZERO); // the first request of the batch passes
        receiver.failNext(1, 401, "Unauthorized", "key disabled");
        Logger log = configure("batchSize", "6000", "linger", "1m");
        SlsAppender appender = logback.slsAppender("SLS");
        for (int i = 0; i < 6000; i++) {
            log.info("event {}", i);
        }

        await().atMost(WAIT).until(() -> appender.getStats().failed() > 0);
        assertThat(receiver.logCount("shop", "backend")).isEqualTo(4096);
        assertThat(appender.getStats().sent()).isEqualTo(4096);
        assertThat(appender.getStats().failed()).isEqualTo(6000 - 4096);
        assertThat(logback.statusMessages(Status.ERROR)).anySatisfy(m -> assertThat(m)
                .contains("Gave up on the last 1904 of a batch of 6000 events (4096 delivered)"));
    }

    @Test
    void hundredThousandEventsThenStopAllArriveOnce() {
        int n = 100_000;
        Logger log = configure();
        SlsAppender appender = logback.slsAppender("SLS");
        for (int i = 0; i < n; i++) {
            log.info("event {}", i);
        }
        logback.context.stop();

        List<ReceivedLog> logs = receiver.logs("shop", "backend");
        Set<String> distinct = new HashSet<>();
        for (ReceivedLog l : logs) {
            distinct.add(l.get("message"));
        }
        assertThat(logs).hasSize(n);
        assertThat(distinct).hasSize(n);
        PipelineStats.Snapshot stats = appender.getStats();
        assertThat(stats.sent()).isEqualTo(n);
        assertThat(stats.droppedTotal()).isZero();
    }

    @Test
    void badConfigurationNamesEachOptionAndStaysStopped() {
        logback = LogbackFixture.configure("/logback-sls-bad.xml", Map.of("akSecret", SECRET));
        SlsAppender appender = logback.slsAppender("SLS");
        assertThat(appender.isStarted()).isFalse();
        List<String> errors = logback.statusMessages(Status.ERROR);
        assertThat(String.join("\n", errors))
                .contains("option 'project': is required")
                .contains("option 'compression'")
                .contains("option 'logstore'");
        assertThat(logback.sluiceStatusText()).doesNotContain(SECRET);
        logback.context.getLogger("x").info("logging goes on");
    }

    /** The receiver records a request just after storing its logs: wait for the record. */
    private List<ReceivedRequest> awaitRequests(int n) {
        await().atMost(WAIT).until(() -> receiver.requests().size() >= n);
        return receiver.requests();
    }

    private PipelineStats.Snapshot awaitSent(long n) {
        await().atMost(WAIT).until(() -> logback.slsAppender("SLS").getStats().sent() == n);
        return logback.slsAppender("SLS").getStats();
    }
}
