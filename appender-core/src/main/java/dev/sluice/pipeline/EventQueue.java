package dev.sluice.pipeline;

import dev.sluice.event.LogEvent;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded hand-off between application threads and the sender thread, bounded both in events
 * and in estimated bytes. Both bounds live in one atomic word (count in the high 24 bits, bytes in
 * the low 40), so a log call checks and reserves room with a single compare-and-set and never locks.
 */
final class EventQueue {
    private static final int COUNT_SHIFT = 40;
    private static final long BYTES_MASK = (1L << COUNT_SHIFT) - 1;
    private static final long ONE_EVENT = 1L << COUNT_SHIFT;

    private final ConcurrentLinkedQueue<LogEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicLong state = new AtomicLong();
    private final long capacity;
    private final long maxBytes;

    EventQueue(int capacity, long maxBytes) {
        this.capacity = capacity;
        this.maxBytes = Math.min(maxBytes, BYTES_MASK);
    }

    long maxBytes() {
        return maxBytes;
    }

    /**
     * Adds the event if both bounds allow it.
     *
     * @return the queue depth after adding, or -1 when there was no room
     */
    long tryOffer(LogEvent e, long bytes) {
        for (;;) {
            long s = state.get();
            long count = s >>> COUNT_SHIFT;
            long used = s & BYTES_MASK;
            if (count >= capacity || used + bytes > maxBytes) {
                return -1;
            }
            if (state.compareAndSet(s, s + ONE_EVENT + bytes)) {
                events.offer(e);
                return count + 1;
            }
        }
    }

    LogEvent poll() {
        LogEvent e = events.poll();
        if (e != null) {
            state.addAndGet(-(ONE_EVENT + e.estimatedBytes()));
        }
        return e;
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    int depth() {
        return (int) (state.get() >>> COUNT_SHIFT);
    }

    long bytes() {
        return state.get() & BYTES_MASK;
    }
}
