package dev.sluice.fields;

import dev.sluice.event.ThrowableInfo;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Renders a throwable the way {@link Throwable#printStackTrace()} does (cause chain, suppressed,
 * "... n more"), bounded in length and depth, and safe against cyclic cause chains.
 * One instance per sender thread: it reuses its buffer.
 */
public final class StackTraceRenderer {
    private static final int MAX_DEPTH = 64;
    private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];

    private final int maxLength;
    private final StringBuilder out = new StringBuilder(1024);
    private final Map<Object, Boolean> seen = new IdentityHashMap<>();
    private boolean truncated;

    public StackTraceRenderer(int maxLength) {
        this.maxLength = maxLength;
    }

    public String render(ThrowableInfo throwable) {
        out.setLength(0);
        seen.clear();
        truncated = false;
        write(throwable, NO_FRAMES, "", "", 0);
        if (out.length() > maxLength) {
            out.setLength(maxLength);
            truncated = true;
        }
        if (truncated) {
            out.append("...[stack trace truncated]");
        }
        String result = out.toString();
        if (out.capacity() > 4 * 1024 * 1024) {
            out.setLength(0);
            out.trimToSize();
        }
        return result;
    }

    private void write(ThrowableInfo t, StackTraceElement[] enclosing, String caption, String prefix, int depth) {
        if (full()) {
            return;
        }
        if (seen.put(t.identity(), Boolean.TRUE) != null) {
            out.append(prefix).append(caption).append("[CIRCULAR REFERENCE: ");
            header(t);
            out.append("]\n");
            return;
        }
        if (depth > MAX_DEPTH) {
            out.append(prefix).append(caption).append("[cause chain deeper than ").append(MAX_DEPTH).append(" omitted]\n");
            return;
        }
        out.append(prefix).append(caption);
        header(t);
        out.append('\n');

        StackTraceElement[] frames = t.frames();
        int inCommon = commonFrames(frames, enclosing);
        // full() only stops further writing; render() cuts whatever ran past maxLength.
        int unique = frames.length - inCommon;
        for (int i = 0; i < unique && !full(); i++) {
            out.append(prefix).append("\tat ").append(frames[i]).append('\n');
        }
        if (inCommon > 0 && !full()) {
            out.append(prefix).append("\t... ").append(inCommon).append(" more\n");
        }
        for (ThrowableInfo s : t.suppressed()) {
            if (s != null) {
                write(s, frames, "Suppressed: ", prefix + "\t", depth + 1);
            }
        }
        ThrowableInfo cause = t.cause();
        if (cause != null) {
            write(cause, frames, "Caused by: ", prefix, depth + 1);
        }
    }

    private void header(ThrowableInfo t) {
        out.append(t.className());
        String message = t.message();
        if (message != null) {
            // Bound a huge message before copying it: the cut at maxLength happens anyway.
            int room = Math.max(0, maxLength - out.length() - 1);
            out.append(": ").append(message, 0, Math.min(message.length(), room));
        }
    }

    /** True when nothing more may be written; then the text is cut to maxLength and marked truncated. */
    private boolean full() {
        if (out.length() > maxLength) {
            out.setLength(maxLength);
            truncated = true;
        }
        if (out.length() == maxLength) {
            truncated = true;
            return true;
        }
        return false;
    }

    private static int commonFrames(StackTraceElement[] frames, StackTraceElement[] enclosing) {
        int m = frames.length - 1;
        int n = enclosing.length - 1;
        int common = 0;
        while (m >= 0 && n >= 0 && java.util.Objects.equals(frames[m], enclosing[n])) {
            m--;
            n--;
            common++;
        }
        return common;
    }
}
