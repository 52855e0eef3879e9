package dev.sluice.pipeline;

import dev.sluice.event.CallerInfo;
import dev.sluice.event.LogEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.sluice.testing.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

/** The collapsing logic with an explicit clock: windows, keys, counts and bounds. */
class RepeatCollapserTest {
    private static final long WINDOW = 1_000_000_000L;
    private final RepeatCollapser collapser = new RepeatCollapser(WINDOW);

    private static final Instant T0 = Instant.parse("2024-05-06T07:08:00Z");

    /** An event logged {@code tenths} tenths of a second after T0. */
    private static LogEvent at(String template, int tenths) {
        return event().template(template).message(template + " #" + tenths)
                .time(T0.plusMillis(100L * tenths)).build();
    }

    @Test
    void repeatsWithinTheWindowAreCountedOnTheFirstEvent() {
        LogEvent first = at("failed {}", 0);
        assertThat(collapser.hold(first, 0)).isTrue();
        assertThat(collapser.hold(at("failed {}", 1), 10)).isTrue();
        assertThat(collapser.hold(at("failed {}", 2), 20)).isTrue();
        assertThat(collapser.heldEvents()).isEqualTo(3);
        assertThat(collapser.nanosToNextDeadline(20)).isEqualTo(WINDOW - 20);
        assertThat(collapser.pollDue(WINDOW - 1, false)).as("window not over").isNull();

        RepeatCollapser.Held h = collapser.pollDue(WINDOW, false);
        assertThat(h.first).isSameAs(first);
        assertThat(h.count).isEqualTo(3);
        assertThat(h.lastNanoOfSecond).isEqualTo(first.nanoOfSecond() + 200_000_000);
        assertThat(collapser.isEmpty()).isTrue();
        assertThat(collapser.heldEvents()).isZero();

        assertThat(collapser.hold(at("failed {}", 3), WINDOW + 5)).as("a new window starts").isTrue();
        assertThat(collapser.pollDue(WINDOW + 6, true).count).isEqualTo(1);
    }

    @Test
    void eventsLoggedFurtherApartThanTheWindowAreNotFoldedEvenWhenTheSenderSeesThemTogether() {
        // Both taken at the same sender time, as after waiting in the queue behind a slow send.
        LogEvent first = at("order {} placed", 0);
        LogEvent later = at("order {} placed", 12);
        assertThat(collapser.hold(first, 0)).isTrue();
        assertThat(collapser.hold(later, 0)).isTrue();
        assertThat(collapser.hold(at("order {} placed", 13), 0)).as("a repeat of the later one").isTrue();
        assertThat(collapser.heldEvents()).isEqualTo(3);

        assertThat(collapser.nanosToNextDeadline(0)).as("the closed window is due at once").isLessThanOrEqualTo(0);
        RepeatCollapser.Held closed = collapser.pollDue(0, false);
        assertThat(closed.first).isSameAs(first);
        assertThat(closed.count).isEqualTo(1);
        assertThat(collapser.pollDue(0, false)).as("the new window is still open").isNull();
        RepeatCollapser.Held next = collapser.pollDue(WINDOW, false);
        assertThat(next.first).isSameAs(later);
        assertThat(next.count).isEqualTo(2);
        assertThat(collapser.isEmpty()).isTrue();
        assertThat(collapser.heldEvents()).isZero();
    }

    @Test
    void loggerLevelAndCallSiteSeparateTheKeys() {
        assertThat(collapser.hold(event().template("t").build(), 0)).isTrue();
        assertThat(collapser.hold(event().template("t").level("WARN", 30000).build(), 0)).isTrue();
        assertThat(collapser.hold(event().template("t").logger("other").build(), 0)).isTrue();
        assertThat(collapser.hold(event().template("u").build(), 0)).isTrue();
        // Without a template the message text is the template.
        assertThat(collapser.hold(event().message("plain").build(), 0)).isTrue();
        assertThat(collapser.hold(event().message("plain").build(), 0)).isTrue();
        // With caller data the call site decides, whatever the template.
        CallerInfo line10 = new CallerInfo("com.Shop", "pay", "Shop.java", 10);
        assertThat(collapser.hold(event().template("x").caller(line10).build(), 0)).isTrue();
        assertThat(collapser.hold(event().template("y").caller(line10).build(), 0)).isTrue();
        assertThat(collapser.hold(event().template("x").caller(new CallerInfo("com.Shop", "pay", "Shop.java", 11)).build(), 0)).isTrue();

        long[] counts = new long[7];
        int n = 0;
        for (RepeatCollapser.Held h; (h = collapser.pollDue(0, true)) != null; ) {
            counts[n++] = h.count;
        }
        assertThat(n).isEqualTo(7);
        assertThat(counts).containsExactly(1, 1, 1, 1, 2, 2, 1);
    }

    @Test
    void beyondTheBoundEventsPassThroughUncollapsed() {
        for (int i = 0; i < RepeatCollapser.MAX_HELD; i++) {
            assertThat(collapser.hold(event().template("t" + i).build(), 0)).isTrue();
        }
        assertThat(collapser.hold(event().template("new").build(), 0)).isFalse();
        assertThat(collapser.hold(event().template("t5").build(), 0)).as("a held site still counts").isTrue();
        assertThat(collapser.heldEvents()).isEqualTo(RepeatCollapser.MAX_HELD + 1);

        RepeatCollapser bytes = new RepeatCollapser(WINDOW);
        String big = "x".repeat(1024 * 1024);
        int held = 0;
        while (bytes.hold(event().template(big + held).message(big).build(), 0)) {
            held++;
        }
        assertThat(held).isBetween(1, (int) (RepeatCollapser.MAX_HELD_BYTES / (2L * big.length())));
    }
}
