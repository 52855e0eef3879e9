package dev.sluice.samples.demo;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryCheckTest {

    private static AppenderCounters counters(String text) {
        return AppenderCounters.parse("Sluice RABBITMQ: " + text);
    }

    private static List<DeliveredRecord> records(int plain, long... counts) {
        List<DeliveredRecord> records = new ArrayList<>();
        for (int i = 0; i < plain; i++) {
            records.add(new DeliveredRecord(DemoBackend.RABBITMQ, Map.of("message", "m" + i), null, null, 0));
        }
        for (long count : counts) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("count", count);
            records.add(new DeliveredRecord(DemoBackend.RABBITMQ, fields, null, null, 0));
        }
        return records;
    }

    private static DeliveryCheck check(long logged, String counters, List<DeliveredRecord> records) {
        return new DeliveryCheck(Sample.LOGBACK, DemoBackend.RABBITMQ, logged, counters(counters), records);
    }

    @Test
    void everythingDeliveredAndAccountedForIsNoProblem() {
        assertThat(check(13, "accepted=13, sent=4, failed=0, collapsed=9, queued=0, dropped=0", records(3, 10))
                .problems()).isEmpty();
    }

    @Test
    void dropsFailuresMissingRecordsAndLostCountsAreEachReported() {
        assertThat(check(13, "accepted=13, sent=3, failed=0, collapsed=9, queued=0, dropped=1 (queue full: 1)",
                records(2, 10)).problems()).singleElement().asString().contains("1 events dropped (queue full: 1)");
        assertThat(check(13, "accepted=13, sent=3, failed=1, collapsed=9, queued=0, dropped=0", records(2, 10))
                .problems()).singleElement().asString().contains("1 events failed");
        assertThat(check(13, "accepted=13, sent=4, failed=0, collapsed=9, queued=0, dropped=0", records(2, 10))
                .problems()).anySatisfy(p -> assertThat(p).contains("holds 3 records, the appender counted 4"));
        assertThat(check(13, "accepted=13, sent=4, failed=0, collapsed=9, queued=0, dropped=0", records(4))
                .problems()).anySatisfy(p -> assertThat(p).contains("stand for 4 events").contains("expected 13"));
        assertThat(check(14, "accepted=13, sent=4, failed=0, collapsed=9, queued=0, dropped=0", records(3, 10))
                .problems()).singleElement().asString().contains("logged 14 events but the appender accepted only 13");
        assertThat(check(13, "accepted=13, sent=4, failed=0, collapsed=8, queued=0, dropped=0", records(3, 9))
                .problems()).singleElement().asString().contains("do not add up");
        assertThat(new DeliveryCheck(Sample.LOG4J2, DemoBackend.SLS, 5, null, null).problems())
                .singleElement().asString().contains("printed no counters");
    }

    @Test
    void aBackendThatCannotBeReadBackCountsWhatItAcknowledged() {
        DeliveryCheck check = check(13, "accepted=13, sent=4, failed=0, collapsed=9, queued=0, dropped=0", null);
        assertThat(check.delivered()).isEqualTo(4);
        assertThat(check.problems()).isEmpty();
    }
}
