package dev.sluice.transport;

import dev.sluice.encode.EncodedEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Encoded events sent together, and which of them are settled. A transport marks an event
 * {@linkplain #delivered(int) delivered} once the backend accepted it, or {@linkplain #reject(int)
 * rejects} it when the backend can never take it (a problem of that event alone). A retry sends
 * only the events still pending, and the pipeline counts each event once, by its mark. Marks are
 * thread-safe: a transport may make them from its I/O thread (publisher confirms) while it still
 * publishes the rest of the batch from the sender thread.
 */
public final class Batch {
    private static final byte PENDING = 0;
    private static final byte DELIVERED = 1;
    private static final byte REJECTED = 2;

    private final List<EncodedEvent> events;
    private long bytes;
    private byte[] state = new byte[0];
    private int deliveredCount;
    private int rejectedCount;

    public Batch(int expectedSize) {
        this.events = new ArrayList<>(expectedSize);
    }

    public void add(EncodedEvent e) {
        events.add(e);
        bytes += e.body().length;
    }

    public List<EncodedEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public int size() {
        return events.size();
    }

    public long bytes() {
        return bytes;
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    /** Whether the event at {@code index} is still to be sent (neither delivered nor rejected). */
    public synchronized boolean isPending(int index) {
        return index >= state.length || state[index] == PENDING;
    }

    /** Marks the event at {@code index} as accepted by the backend; no effect on a settled event. */
    public synchronized void delivered(int index) {
        if (mark(index, DELIVERED)) {
            deliveredCount++;
        }
    }

    /** Marks the event at {@code index} as one the backend can never take; no effect on a settled event. */
    public synchronized void reject(int index) {
        if (mark(index, REJECTED)) {
            rejectedCount++;
        }
    }

    private boolean mark(int index, byte mark) {
        if (index < 0 || index >= events.size()) {
            throw new IndexOutOfBoundsException("event " + index + " of a batch of " + events.size());
        }
        if (state.length < events.size()) {
            state = Arrays.copyOf(state, events.size());
        }
        if (state[index] != PENDING) {
            return false;
        }
        state[index] = mark;
        return true;
    }

    /** Events marked delivered. */
    public synchronized int deliveredCount() {
        return deliveredCount;
    }

    /** Events marked rejected. */
    public synchronized int rejectedCount() {
        return rejectedCount;
    }

    /** Events neither delivered nor rejected. */
    public synchronized int pendingCount() {
        return events.size() - deliveredCount - rejectedCount;
    }

    /** The counts as they are now, for accounting that must ignore marks made later. */
    public synchronized Tally tally() {
        return new Tally(deliveredCount, rejectedCount);
    }

    /** Delivered and rejected counts of a batch at one moment. */
    public static final class Tally {
        public final int delivered;
        public final int rejected;

        private Tally(int delivered, int rejected) {
            this.delivered = delivered;
            this.rejected = rejected;
        }

        public int settled() {
            return delivered + rejected;
        }
    }
}
