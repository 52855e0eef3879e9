package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipelineStatsTest {

    @Test
    void aReplacementsTotalsAddTheRetiredCountsButKeepItsOwnDepthAndHealth() {
        PipelineStats retired = new PipelineStats();
        retired.dequeued(10);
        retired.sent(7);
        retired.failed(1);
        retired.dropped(DropReason.QUEUE_FULL, 2);
        retired.collapsed(3);
        retired.retried();
        retired.sendSucceeded(1_000);
        retired.sendFailed(500, "old outage");

        PipelineStats current = new PipelineStats();
        current.dequeued(4);
        current.sent(4);
        current.dropped(DropReason.QUEUE_FULL, 1);
        current.sendSucceeded(2_000);

        PipelineStats.Snapshot total = current.snapshot(5).plus(retired.snapshot(99));
        assertThat(total.accepted()).isEqualTo(10 + 99 + 4 + 5);
        assertThat(total.sent()).isEqualTo(11);
        assertThat(total.failed()).isEqualTo(1);
        assertThat(total.dropped(DropReason.QUEUE_FULL)).isEqualTo(3);
        assertThat(total.collapsed()).isEqualTo(3);
        assertThat(total.retries()).isEqualTo(1);
        assertThat(total.queueDepth()).isEqualTo(5);
        assertThat(total.sends().attempts()).isEqualTo(3);
        assertThat(total.sends().totalNanos()).isEqualTo(3_500);
        // The current pipeline sends fine: the retired one's outage does not make the total look down.
        assertThat(total.sends().failingSinceMillis()).isZero();
        assertThat(total.sends().lastError()).isEqualTo("old outage");
    }

    @Test
    void dropsAtTheLogCallAreCountedByReasonAndByLevelAndAddUpAcrossReplacements() {
        PipelineStats retired = new PipelineStats();
        retired.turnedAway(DropReason.QUEUE_FULL, Severity.INFO.levelValue());
        retired.turnedAway(DropReason.QUEUE_FULL, 10_000);
        retired.dropped(DropReason.ENCODE_ERROR, 4); // after acceptance: by reason only
        PipelineStats current = new PipelineStats();
        current.turnedAway(DropReason.QUEUE_FULL, Severity.INFO.levelValue());
        current.turnedAway(DropReason.TOO_LARGE, 45_000); // a custom level between ERROR and FATAL

        PipelineStats.Snapshot total = current.snapshot(0).plus(retired.snapshot(0));
        assertThat(total.dropped(DropReason.QUEUE_FULL)).isEqualTo(3);
        assertThat(total.dropped(DropReason.TOO_LARGE)).isEqualTo(1);
        assertThat(total.droppedTotal()).isEqualTo(8);
        assertThat(total.dropped(Severity.INFO)).isEqualTo(2);
        assertThat(total.dropped(Severity.DEBUG)).isEqualTo(1);
        assertThat(total.dropped(Severity.ERROR)).isEqualTo(1);
        assertThat(total.dropped(Severity.WARN)).isZero();
        assertThat(total.droppedByLevel()).containsOnlyKeys(Severity.values());
        assertThat(total.toString()).endsWith("dropped=8 (queue full: 3, too large: 1, encode error: 4; "
                + "by level at the log call: ERROR 1, INFO 2, DEBUG 1)");
        assertThat(PipelineStats.Snapshot.empty().droppedByLevel().values()).containsOnly(0L);
    }

    @Test
    void emptyIsTheNeutralElement() {
        PipelineStats s = new PipelineStats();
        s.sent(3);
        s.dropped(DropReason.SHUTDOWN, 2);
        s.turnedAway(DropReason.QUEUE_FULL, Severity.WARN.levelValue());
        PipelineStats.Snapshot one = s.snapshot(1);
        PipelineStats.Snapshot sum = one.plus(PipelineStats.Snapshot.empty());
        assertThat(sum.toString()).isEqualTo(one.toString());
        assertThat(sum.droppedByLevel()).isEqualTo(one.droppedByLevel());
        assertThat(sum.sends().attempts()).isZero();
    }
}
