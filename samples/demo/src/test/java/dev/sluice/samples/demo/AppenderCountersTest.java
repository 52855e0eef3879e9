package dev.sluice.samples.demo;

import dev.sluice.pipeline.DropReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AppenderCountersTest {

    @Test
    void readsTheLineTheSamplesPrint() {
        AppenderCounters c = AppenderCounters.parse(
                "Sluice RABBITMQ: accepted=233, sent=30, failed=1, retries=2, collapsed=199, queued=0, dropped=3"
                        + " (queue full: 2, too large: 1)");
        assertThat(c.backend()).isEqualTo(DemoBackend.RABBITMQ);
        assertThat(c.accepted).isEqualTo(233);
        assertThat(c.sent).isEqualTo(30);
        assertThat(c.failed).isEqualTo(1);
        assertThat(c.collapsed).isEqualTo(199);
        assertThat(c.dropped).isEqualTo(3);
        assertThat(c.dropReasons).isEqualTo("(queue full: 2, too large: 1)");
        assertThat(c.balanced()).isTrue();
        assertThat(AppenderCounters.parse("Sluice sls: accepted=5, sent=4, failed=0, retries=0, queued=0, dropped=0")
                .balanced()).as("one event unaccounted for").isFalse();
    }

    @Test
    void otherLinesAreNotCounters() {
        assertThat(AppenderCounters.parse("order service: 233 events logged")).isNull();
        assertThat(AppenderCounters.parse("Sluice appender 'SLS' started")).isNull();
    }

    @Test
    void agreesWithTheTextOfGetStats() {
        // The samples print getStats() as is; if its text changes, the demo must still read it.
        String printed = "Sluice sls: " + dev.sluice.pipeline.PipelineStats.Snapshot.empty();
        AppenderCounters c = AppenderCounters.parse(printed);
        assertThat(c).as(printed).isNotNull();
        assertThat(c.backend()).isEqualTo(DemoBackend.SLS);
        assertThat(c.balanced()).isTrue();
        assertThat(DropReason.QUEUE_FULL.label()).isEqualTo("queue full");
    }
}
