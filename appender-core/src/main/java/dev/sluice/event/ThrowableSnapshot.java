package dev.sluice.event;

import dev.sluice.event.Texts;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A bounded copy of a throwable taken on the application thread: class names and messages (together
 * at most {@code maxStackTraceLength} chars, in rendering order: the renderer never shows more), at most {@link EventLimits#MAX_FRAMES} frames per throwable and at
 * most {@link EventLimits#MAX_THROWABLES} throwables in all. It keeps no reference to the throwable,
 * whose fields (and whatever they reach) would otherwise stay in the queue unaccounted.
 * A cyclic cause chain stays cyclic (the same copy), so the renderer reports it as before.
 */
public final class ThrowableSnapshot implements ThrowableInfo {
    private static final ThrowableInfo[] NONE = new ThrowableInfo[0];
    private static final String OMITTED = "[further causes and suppressed throwables omitted]";

    private final String className;
    private final String message;
    private final StackTraceElement[] frames;
    private ThrowableInfo cause;
    private ThrowableInfo[] suppressed = NONE;
    /** Upper bound of the heap the whole copy holds; set on the root only. */
    private long retainedBytes;

    private ThrowableSnapshot(String className, String message, StackTraceElement[] frames) {
        this.className = className;
        this.message = message;
        this.frames = frames;
    }

    static ThrowableSnapshot copy(ThrowableInfo source, EventLimits limits) {
        Copier copier = new Copier(limits);
        ThrowableSnapshot root = copier.copy(source);
        root.retainedBytes = copier.bytes;
        return root;
    }

    /** Upper bound of the heap this copy holds, causes and suppressed included. */
    public long retainedBytes() {
        return retainedBytes;
    }

    @Override
    public Object identity() {
        return this;
    }

    @Override
    public String className() {
        return className;
    }

    @Override
    public String message() {
        return message;
    }

    @Override
    public StackTraceElement[] frames() {
        return frames;
    }

    @Override
    public ThrowableInfo cause() {
        return cause;
    }

    @Override
    public ThrowableInfo[] suppressed() {
        return suppressed;
    }

    /** Copies one throwable graph, counting what the copy holds. */
    private static final class Copier {
        /** Chars of class names and messages still worth keeping: the rendered trace is cut at this length. */
        private int text;
        private final Map<Object, ThrowableSnapshot> copied = new IdentityHashMap<>();
        private int budget = EventLimits.MAX_THROWABLES;
        private long bytes;

        Copier(EventLimits limits) {
            this.text = limits.maxStackTraceLength();
        }

        ThrowableSnapshot copy(ThrowableInfo source) {
            ThrowableSnapshot done = copied.get(source.identity());
            if (done != null) {
                return done;
            }
            budget--;
            StackTraceElement[] all = source.frames();
            StackTraceElement[] frames = all.length <= EventLimits.MAX_FRAMES ? all
                    : Arrays.copyOf(all, EventLimits.MAX_FRAMES);
            String className = keep(source.className());
            ThrowableSnapshot copy = new ThrowableSnapshot(className == null ? "" : className,
                    keep(source.message()), frames);
            copied.put(source.identity(), copy);
            bytes += HeapSizes.SMALL_OBJECT + HeapSizes.string(copy.className) + HeapSizes.string(copy.message)
                    + HeapSizes.referenceArray(frames.length);
            for (StackTraceElement f : frames) {
                if (f != null) {
                    bytes += HeapSizes.frame(f);
                }
            }
            ThrowableInfo[] suppressed = source.suppressed();
            if (suppressed.length > 0) {
                copy.suppressed = copyAll(suppressed);
            }
            ThrowableInfo cause = source.cause();
            if (cause != null) {
                copy.cause = next(cause);
            }
            return copy;
        }

        /** The text cut to what is left of the budget (null once it is spent), counted against it. */
        private String keep(String s) {
            if (s == null || text <= 0) {
                return null;
            }
            String kept = Texts.truncate(s, text);
            text -= Math.min(s.length(), text);
            return kept;
        }

        private ThrowableInfo[] copyAll(ThrowableInfo[] sources) {
            int n = Math.min(sources.length, Math.max(budget, 0) + 1);
            ThrowableInfo[] copies = new ThrowableInfo[n];
            bytes += HeapSizes.referenceArray(n);
            for (int i = 0; i < n; i++) {
                copies[i] = sources[i] == null ? null : next(sources[i]);
            }
            return copies;
        }

        /** The copy of a cause or suppressed throwable, or one marker once the budget is spent. */
        private ThrowableInfo next(ThrowableInfo source) {
            if (budget > 0 || copied.containsKey(source.identity())) {
                return copy(source);
            }
            if (budget == 0) {
                budget--;
                bytes += HeapSizes.SMALL_OBJECT + HeapSizes.referenceArray(0) + HeapSizes.string(OMITTED);
                return new ThrowableSnapshot(OMITTED, null, new StackTraceElement[0]);
            }
            return null;
        }
    }
}
