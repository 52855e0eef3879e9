package dev.sluice.pipeline;

import dev.sluice.event.LogEvent;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded hand-off between application threads and the sender thread, bounded both in events
 * and in estimated bytes. Both bounds live in one atomic word (count in the high 24 bits, bytes in
 * the low 40), so a log call checks and reserves room with a single compare-and-set and never locks.
 *
 * <p>A reserve of both (count and bytes) is kept for events at or above a level ({@code
 * overflowReserve}, {@code overflowReserveLevel}): a lower event is admitted only if, after adding
 * it, the queue holds at most {@code capacity - reservedCount} events and {@code maxBytes -
 * reservedBytes} bytes; an event at or above the level may fill the whole queue. So in an overflow
 * the lower levels are turned away first, and they can never take the reserve.
 */
final class EventQueue {
    private static final int COUNT_SHIFT = 40;
    private static final long BYTES_MASK = (1L << COUNT_SHIFT) - 1;
    private static final long ONE_EVENT = 1L << COUNT_SHIFT;

    private final ConcurrentLinkedQueue<LogEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicLong state = new AtomicLong();
    private final long capacity;
    private final long maxBytes;
    /** The bounds of events below {@link #reserveLevel}: the queue less the reserve. */
    private final long lowCapacity;
    private final long lowMaxBytes;
    private final int reserveLevel;

    /** Without a reserve: every event may fill the whole queue. */
    EventQueue(int capacity, long maxBytes) {
        this(capacity, maxBytes, 0, 0, Integer.MIN_VALUE);
    }

    /**
     * @param reservedCount events kept for {@code reserveLevel} and above (less than {@code capacity})
     * @param reservedBytes bytes kept for them (less than {@code maxBytes})
     * @param reserveLevel  the lowest {@code level_value} that may use the reserve
     */
    EventQueue(int capacity, long maxBytes, int reservedCount, long reservedBytes, int reserveLevel) {
        if (reservedCount < 0 || reservedCount >= capacity || reservedBytes < 0 || reservedBytes >= maxBytes) {
            throw new IllegalArgumentException("reserve " + reservedCount + " events / " + reservedBytes
                    + " bytes does not leave room in a queue of " + capacity + " events / " + maxBytes + " bytes");
        }
        this.capacity = capacity;
        this.maxBytes = Math.min(maxBytes, BYTES_MASK);
        this.lowCapacity = capacity - reservedCount;
        this.lowMaxBytes = this.maxBytes - reservedBytes;
        this.reserveLevel = reserveLevel;
    }

    /** The most bytes an event of this level can ever be admitted with (the whole bound, or the bound less the reserve). */
    long maxBytes(int levelValue) {
        return levelValue >= reserveLevel ? maxBytes : lowMaxBytes;
    }

    /**
     * Adds the event if both bounds allow it: the whole queue for an event at or above the reserve
     * level, the queue less the reserve for a lower one.
     *
     * @return the queue depth after adding, or -1 when there was no room
     */
    long tryOffer(LogEvent e, long bytes) {
        boolean mayUseReserve = e.levelValue() >= reserveLevel;
        long countLimit = mayUseReserve ? capacity : lowCapacity;
        long bytesLimit = mayUseReserve ? maxBytes : lowMaxBytes;
        for (;;) {
            long s = state.get();
            long count = s >>> COUNT_SHIFT;
            long used = s & BYTES_MASK;
            if (count >= countLimit || used + bytes > bytesLimit) {
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
