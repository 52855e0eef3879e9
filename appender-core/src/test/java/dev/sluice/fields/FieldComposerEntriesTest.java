package dev.sluice.fields;

import dev.sluice.event.LogEvent;
import dev.sluice.testing.Events;
import dev.sluice.testing.Records;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** MDC and key/value entries: conflict renaming in linear time, and at most maxEntries shipped. */
class FieldComposerEntriesTest {

    @Test
    void renamingManyConflictingEntriesTakesLinearTime() {
        FieldComposer composer = Records.with("maxEntries", "1000000").composer();
        LogEvent small = conflicting(2_000);
        LogEvent large = conflicting(8_000);
        // Counted, not timed: a renamer that searched from _2 each time would try ~n²/2 names.
        long before = composer.renameProbes;
        composer.compose(small);
        long smallProbes = composer.renameProbes - before;
        before = composer.renameProbes;
        composer.compose(large);
        long largeProbes = composer.renameProbes - before;
        assertThat(smallProbes).isPositive();
        assertThat(largeProbes).as("names tried for 4x the entries (%d vs %d)", largeProbes, smallProbes)
                .isLessThanOrEqualTo(5 * smallProbes); // quadratic: ~16x

        Record r = composer.compose(large);
        assertThat(r.indexOf("dup")).isNotNegative();
        assertThat(r.indexOf("dup_kv")).isNotNegative();
        assertThat(r.indexOf("dup_kv_2")).isNotNegative();
        assertThat(r.indexOf("dup_kv_1999")).isNotNegative();
        assertThat(r.indexOf("dup_kv_2000")).isNegative();
        assertThat(r.indexOf("k7999_kv")).isNotNegative();
        assertThat(r.indexOf(FieldComposer.DROPPED_ENTRIES)).isNegative();
    }

    @Test
    void renamingKeepsTheSmallestFreeNumber() {
        Records records = Records.with();
        Record r = records.composer().compose(Events.event()
                .mdc("a", "1", "a_kv_2", "2", "message", "3")
                .keyValues("a", "x", "a", "y", "a", "z", "message", "w").build());
        assertThat(value(r, "a")).isEqualTo("1");
        assertThat(value(r, "a_kv_2")).isEqualTo("2");
        assertThat(value(r, "a_kv")).isEqualTo("x");
        assertThat(value(r, "a_kv_3")).isEqualTo("y");
        assertThat(value(r, "a_kv_4")).isEqualTo("z");
        assertThat(value(r, "message_mdc")).isEqualTo("3");
        assertThat(value(r, "message_kv")).isEqualTo("w");
        assertThat(value(r, "message")).isEqualTo("hello");
    }

    @Test
    void entriesBeyondMaxEntriesAreLeftOutAndCounted() {
        FieldComposer composer = Records.with("maxEntries", "10").composer();
        Map<String, String> mdc = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            mdc.put("m" + i, "v");
        }
        Record r = composer.compose(Events.event().mdcMap(mdc)
                .keyValues("a", 1, "b", 2, "c", 3, "d", 4, "e", 5).build());
        assertThat(r.indexOf("m7")).isNotNegative();
        assertThat(r.indexOf("b")).isNotNegative();
        assertThat(r.indexOf("c")).isNegative();
        assertThat(r.longValue(r.indexOf(FieldComposer.DROPPED_ENTRIES))).isEqualTo(3);
    }

    @Test
    void entriesTheAdapterLeftOutAreCounted() {
        LogEvent e = new LogEvent(1, 0, "INFO", 20_000, "l", "t", "m", null, Map.of("a", "1"), null, null, null,
                null, 7);
        Record r = Records.with().composer().compose(e);
        assertThat(r.longValue(r.indexOf(FieldComposer.DROPPED_ENTRIES))).isEqualTo(7);
        assertThat(r.indexOf(FieldComposer.DROPPED_ENTRIES)).isEqualTo(r.size() - 1);
    }

    @Test
    void noDroppedField() {
        Record r = Records.with().composer().compose(Events.event().mdc("a", "1").build());
        assertThat(r.indexOf(FieldComposer.DROPPED_ENTRIES)).isNegative();
    }

    /** n MDC entries, the same n keys again as key/values (each renamed), and n/4 pairs of one key. */
    private static LogEvent conflicting(int n) {
        Map<String, String> mdc = new LinkedHashMap<>();
        Object[] kv = new Object[2 * (n + n / 4)];
        for (int i = 0; i < n; i++) {
            mdc.put("k" + i, "v");
            kv[2 * i] = "k" + i;
            kv[2 * i + 1] = "w";
        }
        for (int i = n; i < n + n / 4; i++) {
            kv[2 * i] = "dup";
            kv[2 * i + 1] = "d";
        }
        return Events.event().mdcMap(mdc).keyValues(kv).build();
    }


    private static String value(Record r, String name) {
        int i = r.indexOf(name);
        assertThat(i).as(name).isNotNegative();
        return r.text(i);
    }
}
