package dev.sluice.log4j2;

import dev.sluice.event.EventLimits;
import dev.sluice.event.LogEvent;
import dev.sluice.testkit.RetainedHeap;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.StringMapMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringBuilderFormattable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Log4j2 event snapshot keeps context and map-message values cut to maxValueLength, at most
 * maxEntries of them, a bounded copy of the throwable, and its estimate bounds what it really holds.
 */
class Log4j2BoundedSnapshotTest {
    private static final EventLimits LIMITS = EventLimits.defaults();

    @Test
    void hugeContextValuesAreCutAndCounted() {
        SortedArrayStringMap context = new SortedArrayStringMap();
        context.putValue("body", "x".repeat(1_000_000));
        context.putValue("formattable", new HugeText(1_000_000));
        LogEvent snapshot = snapshot(context, new ParameterizedMessage("request"), null);

        assertThat(snapshot.mdc().get("body")).hasSize(LIMITS.maxValueLength() + "...[truncated 991808 chars]".length());
        assertThat(snapshot.mdc().get("formattable")).startsWith("zzz").endsWith("...[truncated 991808 chars]");
        assertThat(RetainedHeap.of(snapshot)).isLessThan(4L * LIMITS.maxValueLength() + 4096)
                .isLessThanOrEqualTo(snapshot.estimatedBytes());
    }

    @Test
    void contextEntriesBeyondMaxEntriesAreLeftOutAndCounted() {
        SortedArrayStringMap context = new SortedArrayStringMap();
        for (int i = 0; i < 40_000; i++) {
            context.putValue("k" + i, "v");
        }
        LogEvent snapshot = snapshot(context, new StringMapMessage().with("a", "1").with("b", "2"), null);
        assertThat(snapshot.mdc()).hasSize(LIMITS.maxEntries());
        assertThat(snapshot.keyValues()).isNull();
        assertThat(snapshot.droppedEntries()).isEqualTo(40_000 - LIMITS.maxEntries() + 2);
        assertThat(RetainedHeap.of(snapshot)).isLessThanOrEqualTo(snapshot.estimatedBytes());
    }

    @Test
    @SuppressWarnings("rawtypes")
    void mapMessageValuesAreCutAndMutableOnesCopiedNow() {
        StringBuilder mutable = new StringBuilder("y".repeat(100_000));
        LogEvent snapshot = snapshot(new SortedArrayStringMap(),
                new StringMapMessage().with("big", "q".repeat(100_000)), null);
        assertThat((String) snapshot.keyValues()[1]).endsWith("...[truncated 91808 chars]");

        @SuppressWarnings({"rawtypes", "unchecked"})
        MapMessage objects = new MapMessage().with("builder", (Object) mutable);
        LogEvent withObject = snapshot(new SortedArrayStringMap(), objects, null);
        mutable.setLength(0);
        assertThat((String) withObject.keyValues()[1]).startsWith("yyy").endsWith("...[truncated 91808 chars]");
        assertThat(RetainedHeap.of(withObject)).isLessThanOrEqualTo(withObject.estimatedBytes());
    }

    @Test
    void aDeepThrowableIsCopiedBoundedAndCounted() {
        Throwable t = null;
        for (int d = 0; d < 300; d++) {
            t = new IllegalStateException(d + "m".repeat(100_000), t);
        }
        LogEvent snapshot = snapshot(new SortedArrayStringMap(), new ParameterizedMessage("failed"), t);
        long retained = RetainedHeap.of(snapshot);
        assertThat(retained).isLessThanOrEqualTo(snapshot.estimatedBytes());
        // Without the copy the event would hold all 300 messages: 30 MB.
        assertThat(retained).isLessThan(2L << 20);
    }

    private static LogEvent snapshot(SortedArrayStringMap context, Message message, Throwable thrown) {
        return Log4j2Events.snapshot(Log4jLogEvent.newBuilder().setLoggerName("app").setLevel(Level.INFO)
                .setContextData(context).setMessage(message).setThrown(thrown).build(), false, LIMITS);
    }

    /** A value that writes a long text into the given builder, as Log4j2 lets values do. */
    private static final class HugeText implements StringBuilderFormattable {
        private final int length;

        HugeText(int length) {
            this.length = length;
        }

        @Override
        public void formatTo(StringBuilder buffer) {
            for (int i = 0; i < length; i++) {
                buffer.append('z');
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            formatTo(sb);
            return sb.toString();
        }
    }
}
