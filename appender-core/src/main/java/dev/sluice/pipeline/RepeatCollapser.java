package dev.sluice.pipeline;

import dev.sluice.event.CallerInfo;
import dev.sluice.event.LogEvent;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * Repeat collapsing, on the sender thread: the first event of a call site (same logger, level, and
 * caller class/method/line, or the message template when caller data is off) is held for one
 * window; repeats logged within it (by their own timestamps) only raise its count and move its last
 * timestamp. At the window's end (or at stop) the held event is shipped once, carrying the count.
 * Whether a repeat belongs to a window is decided by event time, not by when the sender sees it:
 * events that waited in the queue together (behind a slow send, or a linger) but were logged further
 * apart than the window are never folded.
 *
 * <p>Memory stays bounded: at most {@link #MAX_HELD} call sites and {@link #MAX_HELD_BYTES}
 * (estimated) are held; beyond that events pass through uncollapsed. Times are passed in (from
 * {@link System#nanoTime()}) so the logic is testable without waiting. Not thread-safe.
 */
final class RepeatCollapser {
    static final int MAX_HELD = 1024;
    static final long MAX_HELD_BYTES = 8L * 1024 * 1024;

    /** A held first event and what its repeats added. */
    static final class Held {
        final LogEvent first;
        final long deadline;
        long count = 1;
        long lastEpochSecond;
        int lastNanoOfSecond;

        Held(LogEvent first, long deadline) {
            this.first = first;
            this.deadline = deadline;
            this.lastEpochSecond = first.epochSecond();
            this.lastNanoOfSecond = first.nanoOfSecond();
        }
    }

    private final long windowNanos;
    /** Insertion order is deadline order, since every window has the same length. */
    private final LinkedHashMap<Key, Held> held = new LinkedHashMap<>();
    /** Windows closed early by a later event of their call site; shipped before any other. */
    private final ArrayDeque<Held> ended = new ArrayDeque<>();
    private long heldBytes;
    private long heldEvents;

    RepeatCollapser(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /**
     * Takes {@code e} into a window: true when it was held or counted as a repeat; false when it
     * must be shipped as is (the bounds are reached).
     */
    boolean hold(LogEvent e, long now) {
        Key key = Key.of(e);
        Held h = held.get(key);
        if (h != null && !withinWindow(h.first, e)) {
            // Logged after the window ended: close that window and let this event open the next one.
            held.remove(key);
            ended.add(h);
            h = null;
        }
        if (h != null) {
            h.count++;
            h.lastEpochSecond = e.epochSecond();
            h.lastNanoOfSecond = e.nanoOfSecond();
            heldEvents++;
            return true;
        }
        long bytes = e.estimatedBytes();
        if (held.size() >= MAX_HELD || heldBytes + bytes > MAX_HELD_BYTES) {
            return false;
        }
        held.put(key, new Held(e, now + windowNanos));
        heldBytes += bytes;
        heldEvents++;
        return true;
    }

    private boolean withinWindow(LogEvent first, LogEvent e) {
        long sinceFirst = (e.epochSecond() - first.epochSecond()) * 1_000_000_000L
                + (e.nanoOfSecond() - first.nanoOfSecond());
        return sinceFirst < windowNanos; // a slightly earlier timestamp (another thread) still counts
    }

    boolean isEmpty() {
        return held.isEmpty() && ended.isEmpty();
    }

    /** Nanos until the earliest window ends (may be negative); only meaningful when not empty. */
    long nanosToNextDeadline(long now) {
        return ended.isEmpty() ? held.values().iterator().next().deadline - now : 0;
    }

    /** Removes and returns the entry whose window ended first, if it has ended (or if {@code all}). */
    Held pollDue(long now, boolean all) {
        Held h = ended.poll();
        if (h == null) {
            if (held.isEmpty()) {
                return null;
            }
            Iterator<Held> it = held.values().iterator();
            h = it.next();
            if (!all && h.deadline - now > 0) {
                return null;
            }
            it.remove();
        }
        heldBytes -= h.first.estimatedBytes();
        heldEvents -= h.count;
        return h;
    }

    /** Every event held or counted in a window: the first events plus their repeats. */
    long heldEvents() {
        return heldEvents;
    }

    /** Identifies a call site. */
    private static final class Key {
        private final String logger;
        private final String level;
        private final String site;
        private final String method;
        private final int line;
        private final int hash;

        private Key(String logger, String level, String site, String method, int line) {
            this.logger = logger;
            this.level = level;
            this.site = site;
            this.method = method;
            this.line = line;
            this.hash = Objects.hash(logger, level, site, method, line);
        }

        static Key of(LogEvent e) {
            CallerInfo c = e.caller();
            if (c != null) {
                return new Key(e.loggerName(), e.level(), c.className(), c.methodName(), c.lineNumber());
            }
            String template = e.messageTemplate();
            // No template (a plain message): the text is its own template.
            return new Key(e.loggerName(), e.level(), template != null ? template : e.formatMessage(), null, -1);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return hash == k.hash && line == k.line && Objects.equals(logger, k.logger)
                    && Objects.equals(level, k.level) && Objects.equals(site, k.site)
                    && Objects.equals(method, k.method);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
