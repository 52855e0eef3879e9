package dev.sluice.event;

import dev.sluice.fields.StackTraceRenderer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an event snapshot keeps: values cut, entries bounded, throwables copied bounded and counted. */
class EventLimitsTest {
    private final EventLimits limits = new EventLimits(100, 5, 2_000);

    @Test
    void anMdcWithinBoundsIsKeptAsIs() {
        Map<String, String> mdc = Map.of("a", "1", "b", "x".repeat(100));
        assertThat(limits.mdc(mdc)).isSameAs(mdc);
    }

    @Test
    void longMdcValuesAndKeysAreCutLikeMessages() {
        Map<String, String> mdc = limits.mdc(Map.of("a", "x".repeat(1_000_000), "k".repeat(150), "v"));
        assertThat(mdc.get("a")).isEqualTo("x".repeat(100) + "...[truncated 999900 chars]");
        assertThat(mdc).containsEntry("k".repeat(100) + "...[truncated 50 chars]", "v");
    }

    @Test
    void mdcEntriesBeyondMaxEntriesAreLeftOut() {
        Map<String, String> source = new LinkedHashMap<>();
        for (int i = 0; i < 40_000; i++) {
            source.put("k" + i, "v");
        }
        assertThat(limits.mdc(source)).containsOnlyKeys("k0", "k1", "k2", "k3", "k4");
    }

    @Test
    void keyValueValuesAreCutAndMutableOnesTurnedIntoTextNow() {
        StringBuilder mutable = new StringBuilder("y".repeat(500));
        Object kept = limits.value(mutable);
        mutable.setLength(0);
        assertThat(kept).isEqualTo("y".repeat(100) + "...[truncated 400 chars]");
        assertThat(limits.value("z".repeat(101))).isEqualTo("z".repeat(100) + "...[truncated 1 chars]");
        assertThat(limits.value(42)).isEqualTo(42);
    }

    @Test
    void aCharSequenceIsCutWithoutSplittingASurrogatePair() {
        String text = "a".repeat(99) + "\uD83D\uDE00" + "b".repeat(10);
        assertThat(limits.cut(new StringBuilder(text))).isEqualTo(limits.cut(text)).startsWith("a".repeat(99) + "...");
    }

    @Test
    void anOrdinaryThrowableRendersAsBefore() {
        IOException root = new IOException("disk");
        IllegalStateException top = new IllegalStateException("failed", root);
        top.addSuppressed(new IllegalArgumentException("also"));
        root.initCause(new RuntimeException("deep"));
        StackTraceRenderer renderer = new StackTraceRenderer(100_000);
        String direct = renderer.render(JavaThrowableInfo.of(top));
        assertThat(renderer.render(new EventLimits(100, 5, 100_000).throwable(JavaThrowableInfo.of(top))))
                .isEqualTo(direct);
    }

    @Test
    void aCyclicCauseChainStaysCyclic() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        ThrowableInfo copy = limits.throwable(JavaThrowableInfo.of(a));
        assertThat(copy.cause().cause()).isSameAs(copy);
        assertThat(new StackTraceRenderer(100_000).render(copy)).contains("[CIRCULAR REFERENCE: java.lang.Exception: a]");
    }

    @Test
    void throwablesAreBoundedInFramesCountAndText() {
        Throwable t = null;
        for (int d = 0; d < 200; d++) {
            t = new IllegalStateException("m".repeat(1_000), t);
            t.setStackTrace(frames(3_000));
        }
        ThrowableSnapshot copy = (ThrowableSnapshot) limits.throwable(JavaThrowableInfo.of(t));
        int throwables = 0;
        int textChars = 0;
        ThrowableInfo last = null;
        for (ThrowableInfo c = copy; c != null; c = c.cause()) {
            throwables++;
            assertThat(c.frames()).hasSizeLessThanOrEqualTo(EventLimits.MAX_FRAMES);
            textChars += c.message() == null ? 0 : c.message().length();
            last = c;
        }
        assertThat(throwables).isEqualTo(EventLimits.MAX_THROWABLES + 1);
        assertThat(last.className()).contains("omitted");
        // 2,000 chars of text in all (plus one truncation marker), as the rendered trace holds no more
        assertThat(textChars).isLessThan(2_100);
        assertThat(copy.retainedBytes()).isGreaterThan(64L * 1024 * 100);
    }

    @Test
    void theEstimateCountsWhatTheEventHolds() {
        LogEvent small = event(Map.of("a", "1"), null);
        LogEvent bigMdc = event(Map.of("a", "x".repeat(100_000)), null);
        assertThat(bigMdc.estimatedBytes() - small.estimatedBytes()).isGreaterThanOrEqualTo(2L * 100_000 - 2);
        Throwable t = new IllegalStateException("boom");
        t.setStackTrace(frames(1_000));
        LogEvent withThrowable = event(Map.of("a", "1"), JavaThrowableInfo.of(t));
        assertThat(withThrowable.estimatedBytes() - small.estimatedBytes()).isGreaterThan(1_000L * 96);
        assertThat(withThrowable.throwable()).isInstanceOf(ThrowableSnapshot.class);
    }

    private static LogEvent event(Map<String, String> mdc, ThrowableInfo throwable) {
        return new LogEvent(1, 0, "INFO", 20_000, "logger", "thread", "message", null, mdc, null,
                List.of("m"), throwable, null);
    }

    private static StackTraceElement[] frames(int n) {
        StackTraceElement[] frames = new StackTraceElement[n];
        for (int i = 0; i < n; i++) {
            frames[i] = new StackTraceElement("com.example.C" + i, "m", "C.java", i);
        }
        return frames;
    }
}
