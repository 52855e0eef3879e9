package dev.sluice.fields;

import dev.sluice.event.JavaThrowableInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class StackTraceRendererTest {
    private static final String MARKER = "...[stack trace truncated]";
    private static final int UNBOUNDED = 50 * 1024 * 1024;

    private static String render(Throwable t, int maxLength) {
        return new StackTraceRenderer(maxLength).render(JavaThrowableInfo.of(t));
    }

    private static String jdk(Throwable t) {
        StringWriter w = new StringWriter();
        try (PrintWriter p = new PrintWriter(w)) {
            t.printStackTrace(p);
        }
        return w.toString().replace(System.lineSeparator(), "\n");
    }

    // --- throwables built through real call chains, so causes share frames with their enclosing trace

    private static Exception wrapped() {
        try {
            repository();
            return null;
        } catch (UncheckedIOException e) {
            return new IllegalStateException("could not load order 42", e);
        }
    }

    private static void repository() {
        try {
            disk();
        } catch (IOException e) {
            throw new UncheckedIOException("read failed", e);
        }
    }

    private static void disk() throws IOException {
        throw new IOException("disk on fire");
    }

    private static Exception withSuppressed() {
        Exception primary = new Exception("primary");
        primary.addSuppressed(new IOException("close failed"));
        primary.addSuppressed(wrapped());
        return primary;
    }

    @Test
    void rendersCauseChainLikePrintStackTrace() {
        Exception e = wrapped();
        String out = render(e, UNBOUNDED);
        assertThat(out).startsWith("java.lang.IllegalStateException: could not load order 42\n\tat ");
        assertThat(out).contains("\nCaused by: java.io.UncheckedIOException: read failed\n");
        assertThat(out).contains("\nCaused by: java.io.IOException: disk on fire\n");
        assertThat(out).containsPattern("\n\t\\.\\.\\. \\d+ more\n");
        assertThat(out).isEqualTo(jdk(e));
    }

    @Test
    void rendersSuppressedIndentedLikePrintStackTrace() {
        Exception e = withSuppressed();
        String out = render(e, UNBOUNDED);
        assertThat(out).contains("\n\tSuppressed: java.io.IOException: close failed\n");
        assertThat(out).contains("\n\tSuppressed: java.lang.IllegalStateException: could not load order 42\n");
        assertThat(out).contains("\n\tCaused by: java.io.UncheckedIOException: read failed\n");
        assertThat(out).containsPattern("\n\t\t\\.\\.\\. \\d+ more\n");
        assertThat(out).isEqualTo(jdk(e));
    }

    @Test
    void commonFramesAreCountedInTheMoreLine() {
        Exception e = wrapped();
        Throwable cause = e.getCause();
        int common = 0;
        StackTraceElement[] outer = e.getStackTrace();
        StackTraceElement[] inner = cause.getStackTrace();
        for (int i = inner.length - 1, j = outer.length - 1; i >= 0 && j >= 0 && inner[i].equals(outer[j]); i--, j--) {
            common++;
        }
        assertThat(common).isPositive();
        assertThat(render(e, UNBOUNDED)).contains("\t... " + common + " more\n");
    }

    @Test
    void cyclicCauseChainTerminatesWithCircularReference() {
        Exception a = new Exception("a");
        Exception b = new Exception("b");
        a.initCause(b);
        b.initCause(a);
        String out = render(a, UNBOUNDED);
        assertThat(out).contains("Caused by: java.lang.Exception: b\n");
        assertThat(out).contains("[CIRCULAR REFERENCE: java.lang.Exception: a]");
        assertThat(out).isEqualTo(jdk(a));
    }

    @Test
    void selfSuppressionCycleTerminates() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.addSuppressed(b);
        assertThat(render(a, UNBOUNDED)).contains("[CIRCULAR REFERENCE: java.lang.Exception: a]");
    }

    @SuppressWarnings("serial")
    static final class Hostile extends RuntimeException {
        Hostile() {
            super("never shown");
        }

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage bomb");
        }

        @Override
        public String getLocalizedMessage() {
            throw new IllegalStateException("getLocalizedMessage bomb");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString bomb");
        }
    }

    @SuppressWarnings("serial")
    static final class HostileAccessors extends RuntimeException {
        HostileAccessors() {
            super("accessors throw");
        }

        @Override
        public StackTraceElement[] getStackTrace() {
            throw new IllegalStateException("getStackTrace bomb");
        }

        @Override
        public synchronized Throwable getCause() {
            throw new IllegalStateException("getCause bomb");
        }
    }

    @Test
    void throwableWhoseToStringAndGetMessageThrowIsRenderedWithAPlaceholder() {
        String[] out = new String[1];
        assertThatCode(() -> out[0] = render(new RuntimeException("outer", new Hostile()), UNBOUNDED))
                .doesNotThrowAnyException();
        assertThat(out[0]).contains("Caused by: " + Hostile.class.getName()
                + ": [getMessage() threw java.lang.IllegalStateException]");
    }

    @Test
    void throwableWhoseStackTraceAndCauseAccessorsThrowIsRenderedWithoutThem() {
        String out = render(new HostileAccessors(), UNBOUNDED);
        assertThat(out).isEqualTo(HostileAccessors.class.getName() + ": accessors throw\n");
    }

    @Test
    void causeWithNullStackFramesDoesNotBreakRendering() {
        RuntimeException cause = new RuntimeException("cause") {
            private static final long serialVersionUID = 1L;

            @Override
            public StackTraceElement[] getStackTrace() {
                return new StackTraceElement[] {new StackTraceElement("C", "m", "C.java", 1), null};
            }
        };
        Throwable outer = new RuntimeException("outer", cause);
        String[] out = new String[1];
        assertThatCode(() -> out[0] = render(outer, UNBOUNDED)).doesNotThrowAnyException();
        assertThat(out[0]).contains("Caused by: " + cause.getClass().getName() + ": cause");
    }

    @Test
    void tenThousandDeepCauseChainIsBoundedInDepth() {
        Throwable t = new RuntimeException("root");
        for (int i = 1; i <= 10_000; i++) {
            t = new RuntimeException("level " + i, t);
        }
        String out = render(t, UNBOUNDED);
        int causedBy = out.split("Caused by: ", -1).length - 1;
        assertThat(causedBy).isBetween(1, 65);
        assertThat(out).contains("omitted]");
        assertThat(out).doesNotContain("level 1\n");
        assertThat(out).startsWith("java.lang.RuntimeException: level 10000\n");
    }

    @Test
    void tenThousandDeepCauseChainRespectsTheDefaultLengthBound() {
        Throwable t = new RuntimeException("root");
        for (int i = 1; i <= 10_000; i++) {
            t = new RuntimeException("level " + i, t);
        }
        String out = render(t, FieldOptions.DEFAULT_MAX_STACK_TRACE_LENGTH);
        assertThat(out.length()).isLessThanOrEqualTo(FieldOptions.DEFAULT_MAX_STACK_TRACE_LENGTH + MARKER.length());
    }

    @Test
    void truncatedOutputIsCutAtMaxLengthAndMarked() {
        Exception e = withSuppressed();
        String full = render(e, UNBOUNDED);
        String cut = render(e, 300);
        assertThat(cut).endsWith(MARKER);
        assertThat(cut).isEqualTo(full.substring(0, 300) + MARKER);
    }

    @Test
    void rendererIsReusableAfterTruncation() {
        StackTraceRenderer renderer = new StackTraceRenderer(400);
        Exception big = withSuppressed();
        Exception small = new Exception("small");
        small.setStackTrace(new StackTraceElement[] {new StackTraceElement("A", "b", "A.java", 3)});
        assertThat(renderer.render(JavaThrowableInfo.of(big))).endsWith(MARKER);
        assertThat(renderer.render(JavaThrowableInfo.of(small))).isEqualTo("java.lang.Exception: small\n\tat A.b(A.java:3)\n");
        assertThat(renderer.render(JavaThrowableInfo.of(big))).isEqualTo(
                new StackTraceRenderer(400).render(JavaThrowableInfo.of(big)));
    }

    /** Every possible cut of a realistic trace: the result never exceeds maxLength plus the marker. */
    @Test
    void outputNeverExceedsMaxLengthPlusMarkerForAnyMaxLength() {
        Exception a = withSuppressed();
        Exception b = new Exception("b");
        a.initCause(b);
        b.initCause(a);
        int fullLength = render(a, UNBOUNDED).length();
        for (int max = 1; max <= fullLength + 10; max++) {
            String out = render(a, max);
            assertThat(out.length()).as("maxLength %d", max).isLessThanOrEqualTo(max + MARKER.length());
            if (max < fullLength) {
                assertThat(out).as("maxLength %d", max).endsWith(MARKER);
            }
        }
    }

    @Test
    void hugeMessageOfAFramelessThrowableIsBounded() {
        Exception frameless = new Exception("x".repeat(1_000_000), null, false, false) {
            private static final long serialVersionUID = 1L;
        };
        String out = render(frameless, 64 * 1024);
        assertThat(out.length()).isLessThanOrEqualTo(64 * 1024 + MARKER.length());
        assertThat(out).endsWith(MARKER);
    }

    @Test
    void hugeMessageOfAThrowableWithFramesIsBounded() {
        Exception e = new Exception("y".repeat(1_000_000));
        String out = render(e, 64 * 1024);
        assertThat(out).hasSize(64 * 1024 + MARKER.length()).endsWith(MARKER);
    }
}
