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
    void emptyIsTheNeutralElement() {
        PipelineStats s = new PipelineStats();
        s.sent(3);
        s.dropped(DropReason.SHUTDOWN, 2);
        PipelineStats.Snapshot one = s.snapshot(1);
        PipelineStats.Snapshot sum = one.plus(PipelineStats.Snapshot.empty());
        assertThat(sum.toString()).isEqualTo(one.toString());
        assertThat(sum.sends().attempts()).isZero();
    }
}
