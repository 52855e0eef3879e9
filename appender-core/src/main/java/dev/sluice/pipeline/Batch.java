package dev.sluice.pipeline;

import dev.sluice.encode.EncodedEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Encoded events sent together, and which of them are settled. A transport marks an event
 * {@linkplain #delivered(int) delivered} once the backend accepted it, or {@linkplain #drop(int,
 * DropReason) drops} it when the backend can never take it (a problem of that event alone). A retry
 * sends only the events still pending, and the dispatcher counts each event once, by its mark.
 * Marks are made on the sender thread only.
 */
public final class Batch {
    private static final byte PENDING = 0;
    private static final byte DELIVERED = 1;
    private static final byte DROPPED = 2;

    private final List<EncodedEvent> events;
    private long bytes;
    private byte[] state = new byte[0];
    private int deliveredCount;
    private final long[] droppedByReason = new long[DropReason.values().length];

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

    /** Whether the event at {@code index} is still to be sent (neither delivered nor dropped). */
    public boolean isPending(int index) {
        return index >= state.length || state[index] == PENDING;
    }

    /** Marks the event at {@code index} as accepted by the backend; no effect on a settled event. */
    public void delivered(int index) {
        if (mark(index, DELIVERED)) {
            deliveredCount++;
        }
    }

    /** Marks the event at {@code index} as one the backend can never take; no effect on a settled event. */
    public void drop(int index, DropReason reason) {
        if (mark(index, DROPPED)) {
            droppedByReason[reason.ordinal()]++;
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
    public int deliveredCount() {
        return deliveredCount;
    }

    /** Events neither delivered nor dropped. */
    public int pendingCount() {
        return events.size() - deliveredCount - droppedCount();
    }

    int droppedCount() {
        long n = 0;
        for (long d : droppedByReason) {
            n += d;
        }
        return (int) n;
    }

    /** The counts as they are now, for accounting that must ignore marks made later. */
    Tally tally() {
        return new Tally(deliveredCount, droppedByReason.clone());
    }

    /** Delivered and dropped counts of a batch at one moment. */
    static final class Tally {
        final int delivered;
        final long[] droppedByReason;

        private Tally(int delivered, long[] droppedByReason) {
            this.delivered = delivered;
            this.droppedByReason = droppedByReason;
        }

        int settled() {
            long n = delivered;
            for (long d : droppedByReason) {
                n += d;
            }
            return (int) n;
        }
    }
}
