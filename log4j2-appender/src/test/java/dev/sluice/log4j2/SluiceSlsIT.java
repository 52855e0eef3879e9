package dev.sluice.log4j2;

import dev.sluice.testkit.sls.ReceivedLog;
import dev.sluice.testkit.sls.SlsReceiver;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/** {@code <SluiceSls>} from a real log4j2.xml against the testkit SLS receiver over real HTTP. */
class SluiceSlsIT {
    private static final String SECRET = "s3cr3t-Value-never-shown";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private SlsReceiver receiver;
    private Log4j2Fixture log4j;
    private StatusCapture status;

    @BeforeEach
    void startReceiver() {
        receiver = SlsReceiver.builder().port(0).key("AKID", SECRET).start();
        status = StatusCapture.register(Level.DEBUG);
    }

    @AfterEach
    void stop() {
        if (log4j != null) {
            log4j.close();
        }
        receiver.close();
        status.unregister();
        ThreadContext.clearAll();
    }

    private Logger start(String compression) {
        log4j = Log4j2Fixture.start("/log4j2-sls.xml", Map.of("sluice.sls.endpoint", receiver.endpoint(),
                "sluice.sls.akId", "AKID", "sluice.sls.akSecret", SECRET, "sluice.sls.compression", compression));
        SluiceSlsAppender appender = log4j.appender("sls");
        assertThat(appender).as("appender built; status: %s", status.messages(Level.ERROR)).isNotNull();
        assertThat(appender.isStarted()).isTrue();
        return log4j.logger("com.shop.Orders");
    }

    @Test
    void eventsArriveWithFieldsTimeTopicAndTagsAndNoSecretIsPrinted() {
        Logger log = start("deflate");
        Instant before = Instant.now();
        ThreadContext.put("requestId", "r-42");
        log.info("order {} placed by user={}", 1001, "alice");
        ThreadContext.clearAll();
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
                .containsKeys("thread_name", "host", "pid");
        long nanos = info.time() * 1_000_000_000L + info.timeNs();
        assertThat(nanos).isBetween(before.getEpochSecond() * 1_000_000_000L + before.getNano() - 1_000_000,
                after.getEpochSecond() * 1_000_000_000L + after.getNano());
        assertThat(info.topic()).isEqualTo("orders");
        assertThat(info.tags()).containsEntry("zone", "eu-1").containsEntry("env", "test");
        assertThat(logs.get(1).get("stack_trace")).contains("IllegalStateException: only 2 left");

        log4j.context.stop();
        assertThat(status.messages(Level.DEBUG)).anySatisfy(m -> assertThat(m).contains("accessKeySecret=\"*****\""));
        assertThat(status.allText()).doesNotContain(SECRET);
    }

    @Test
    void tenThousandEventsAllArriveByStopAndNoThreadIsLeft() {
        Logger log = start("lz4");
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            log.info("event {}", i);
        }
        log4j.context.stop();
        List<ReceivedLog> logs = receiver.awaitLogs("shop", "backend", n, WAIT);
        Set<String> distinct = new HashSet<>();
        logs.forEach(l -> distinct.add(l.get("message")));
        assertThat(logs).hasSize(n);
        assertThat(distinct).hasSize(n).contains("event 0", "event 9999");
        await().atMost(WAIT).untilAsserted(() -> assertThat(Log4j2Fixture.liveThreads("sluice-sls")).isEmpty());
    }

    @Test
    void missingRequiredAttributeIsNamedAndOtherAppendersKeepWorking() {
        assertThatCode(() -> log4j = Log4j2Fixture.start("/log4j2-sls-bad.xml", Map.of())).doesNotThrowAnyException();
        assertThat(status.messages(Level.ERROR)).anySatisfy(m -> assertThat(m).contains("option 'project': is required"));
        assertThat((Object) log4j.context.getConfiguration().getAppender("slsbad")).isNull();
        assertThatCode(() -> log4j.logger("app").info("still logging")).doesNotThrowAnyException();
        CaptureAppender capture = log4j.appender("capture");
        assertThat(capture.messages()).containsExactly("still logging");
        assertThat(status.allText()).doesNotContain("s3cr3t-never-shown");
    }
}
