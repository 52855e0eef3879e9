package dev.sluice.pipeline;

import dev.sluice.event.LogEvent;
import dev.sluice.testing.Events;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Admission at the bounds of the queue and of its reserve for WARN and above, in events and in bytes. */
class EventQueueTest {
    private static final int WARN = Severity.WARN.levelValue();

    private static LogEvent event(Severity level) {
        return Events.event().level(level.name(), level.levelValue()).message("same size").build();
    }

    private static boolean offer(EventQueue q, Severity level) {
        LogEvent e = event(level);
        return q.tryOffer(e, e.estimatedBytes()) > 0;
    }

    @Test
    void belowTheReserveLevelAnEventIsAdmittedWhileTheCountAfterItLeavesTheReserveFree() {
        // 10 events, 3 kept for WARN and above; bytes are no constraint here
        EventQueue q = new EventQueue(10, 1L << 30, 3, 0, WARN);
        for (int i = 0; i < 7; i++) {
            assertThat(offer(q, i % 2 == 0 ? Severity.INFO : Severity.DEBUG)).as("low event %d", i).isTrue();
        }
        assertThat(q.depth()).isEqualTo(7);
        // the 8th low event would leave only 2 of the 3 reserved places: turned away
        assertThat(offer(q, Severity.INFO)).isFalse();
        assertThat(offer(q, Severity.DEBUG)).isFalse();
        assertThat(offer(q, Severity.TRACE)).isFalse();
        // WARN and above take the reserve, up to the whole queue
        assertThat(offer(q, Severity.WARN)).isTrue();
        assertThat(offer(q, Severity.ERROR)).isTrue();
        assertThat(offer(q, Severity.FATAL)).isTrue();
        assertThat(q.depth()).isEqualTo(10);
        assertThat(offer(q, Severity.ERROR)).as("the whole queue is full").isFalse();
        assertThat(q.depth()).isEqualTo(10);
    }

    @Test
    void roomMadeByTheSenderGoesToLowLevelsOnlyOnceTheCountIsBelowTheReserveAgain() {
        EventQueue q = new EventQueue(10, 1L << 30, 3, 0, WARN);
        for (int i = 0; i < 7; i++) {
            assertThat(offer(q, Severity.INFO)).isTrue();
        }
        assertThat(offer(q, Severity.WARN)).isTrue();
        assertThat(offer(q, Severity.WARN)).isTrue();
        // 9 queued: one place left, but it is the reserve's
        assertThat(q.poll()).isNotNull();
        assertThat(q.depth()).isEqualTo(8);
        assertThat(offer(q, Severity.INFO)).isFalse();
        assertThat(q.poll()).isNotNull();
        assertThat(q.depth()).isEqualTo(7);
        assertThat(offer(q, Severity.INFO)).isFalse();
        assertThat(q.poll()).isNotNull();
        // 6 queued: the 7th place is outside the reserve
        assertThat(offer(q, Severity.INFO)).isTrue();
        assertThat(offer(q, Severity.INFO)).isFalse();
    }

    @Test
    void belowTheReserveLevelAnEventIsAdmittedWhileTheBytesAfterItLeaveTheReserveFree() {
        long size = event(Severity.INFO).estimatedBytes();
        assertThat(event(Severity.ERROR).estimatedBytes()).isEqualTo(size);
        // room for 10 events by bytes; the reserve is 3 events' bytes less one, so low levels get 7 events + 1 byte
        EventQueue q = new EventQueue(1000, 10 * size, 0, 3 * size - 1, WARN);
        for (int i = 0; i < 7; i++) {
            assertThat(offer(q, Severity.INFO)).as("low event %d", i).isTrue();
        }
        assertThat(q.bytes()).isEqualTo(7 * size);
        assertThat(offer(q, Severity.INFO)).isFalse();
        for (int i = 0; i < 3; i++) {
            assertThat(offer(q, Severity.WARN)).as("reserved event %d", i).isTrue();
        }
        assertThat(q.bytes()).isEqualTo(10 * size);
        assertThat(offer(q, Severity.ERROR)).isFalse();
    }

    @Test
    void aLowEventThatExactlyFillsTheQueueLessTheReserveIsAdmittedAndOneByteMoreIsNot() {
        long size = event(Severity.INFO).estimatedBytes();
        EventQueue exact = new EventQueue(1000, 10 * size, 0, 10 * size - 2 * size, WARN);
        assertThat(exact.maxBytes(Severity.INFO.levelValue())).isEqualTo(2 * size);
        assertThat(exact.maxBytes(WARN)).isEqualTo(10 * size);
        assertThat(offer(exact, Severity.INFO)).isTrue();
        assertThat(offer(exact, Severity.INFO)).as("bytes after it = maxBytes - reservedBytes").isTrue();
        assertThat(offer(exact, Severity.INFO)).isFalse();

        EventQueue short1 = new EventQueue(1000, 10 * size, 0, 10 * size - 2 * size + 1, WARN);
        assertThat(offer(short1, Severity.INFO)).isTrue();
        assertThat(offer(short1, Severity.INFO)).as("one byte over").isFalse();
        assertThat(offer(short1, Severity.WARN)).isTrue();
    }

    @Test
    void theReserveLevelIsAThresholdOnTheLevelValue() {
        EventQueue q = new EventQueue(2, 1L << 30, 1, 0, Severity.ERROR.levelValue());
        assertThat(offer(q, Severity.WARN)).isTrue();
        assertThat(offer(q, Severity.WARN)).as("WARN is below ERROR: not in the reserve").isFalse();
        // a custom level between ERROR and FATAL (Log4j2) is at least ERROR
        LogEvent custom = Events.event().level("ALERT", 45_000).build();
        assertThat(q.tryOffer(custom, custom.estimatedBytes())).isEqualTo(2);
    }

    @Test
    void withoutAReserveEveryLevelMayFillTheQueue() {
        EventQueue q = new EventQueue(3, 1L << 30);
        assertThat(offer(q, Severity.TRACE)).isTrue();
        assertThat(offer(q, Severity.DEBUG)).isTrue();
        assertThat(offer(q, Severity.INFO)).isTrue();
        assertThat(offer(q, Severity.ERROR)).isFalse();
    }

    @Test
    void aReserveMustLeaveRoomForTheLowerLevels() {
        assertThatThrownBy(() -> new EventQueue(10, 1000, 10, 0, WARN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventQueue(10, 1000, 0, 1000, WARN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void severityOfALevelValue() {
        assertThat(Severity.of(Integer.MIN_VALUE)).isEqualTo(Severity.TRACE);
        assertThat(Severity.of(5_000)).isEqualTo(Severity.TRACE);
        assertThat(Severity.of(9_999)).isEqualTo(Severity.TRACE);
        assertThat(Severity.of(10_000)).isEqualTo(Severity.DEBUG);
        assertThat(Severity.of(20_000)).isEqualTo(Severity.INFO);
        assertThat(Severity.of(29_999)).isEqualTo(Severity.INFO);
        assertThat(Severity.of(30_000)).isEqualTo(Severity.WARN);
        assertThat(Severity.of(40_000)).isEqualTo(Severity.ERROR);
        assertThat(Severity.of(50_000)).isEqualTo(Severity.FATAL);
        assertThat(Severity.of(Integer.MAX_VALUE)).isEqualTo(Severity.FATAL);
        for (Severity s : Severity.values()) {
            assertThat(Severity.of(s.levelValue())).isEqualTo(s);
        }
    }
}
