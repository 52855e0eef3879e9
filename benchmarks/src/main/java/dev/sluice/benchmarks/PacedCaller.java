package dev.sluice.benchmarks;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One calling thread of a caller-cost benchmark, whatever the logging framework: pacing between
 * calls, the next call's arguments (made outside the timed region), and the bytes the timed call
 * allocated on this thread. The JMH thread states of the benchmarks delegate here.
 */
public final class PacedCaller {
    private static final com.sun.management.ThreadMXBean ALLOC =
            java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean
                    ? (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean()
                    : null;

    private final long paceNanos;
    private final boolean spin;
    private long i;
    private long next;
    private volatile long made;
    private boolean measuring;
    private long allocMark = -1;
    private volatile long measuredAlloc;
    private volatile long measuredCalls;
    Long orderId;
    String user;
    BigDecimal amount;

    /**
     * @param paceMicros one call per this many microseconds; 0 = back-to-back
     * @param pacing     {@code park} (sleeps; the CPU may idle) or {@code spin} (stays hot)
     */
    PacedCaller(int threadIndex, int paceMicros, String pacing) {
        i = (long) threadIndex << 40;
        paceNanos = TimeUnit.MICROSECONDS.toNanos(paceMicros);
        spin = "spin".equals(pacing);
        next = System.nanoTime();
    }

    void iterationStart(boolean measurement) {
        measuring = measurement;
        allocMark = -1;
    }

    /** Before each timed call: account the previous call's allocation, make arguments, wait for the pace. */
    void nextCall() {
        if (ALLOC != null) {
            // Bytes this thread allocated since the end of the previous setup: the timed log call
            // (plus JMH's own sample bookkeeping, which allocates only rarely).
            long now = ALLOC.getCurrentThreadAllocatedBytes();
            if (measuring && allocMark >= 0) {
                measuredAlloc += now - allocMark;
                measuredCalls++;
            }
        }
        long n = i++;
        made++;
        orderId = Workload.orderId(n);
        user = Workload.user(n);
        amount = Workload.amount(n);
        if (paceNanos > 0) {
            next += paceNanos;
            long now = System.nanoTime();
            long wait = next - now;
            if (wait > 0) {
                if (spin) {
                    while (System.nanoTime() - next < 0) {
                        Thread.onSpinWait();
                    }
                } else {
                    LockSupport.parkNanos(wait);
                }
            } else if (-wait > 100 * paceNanos) {
                next = now; // fell far behind (GC, descheduling): do not burst to catch up
            }
        }
        if (ALLOC != null) {
            allocMark = ALLOC.getCurrentThreadAllocatedBytes();
        }
    }

    /** Adds the calls made and the calling-thread allocation per measured call of all callers to a stats record. */
    static void record(Map<String, Object> r, Iterable<PacedCaller> callers) {
        long calls = 0;
        long measuredCalls = 0;
        long measuredAlloc = 0;
        for (PacedCaller c : callers) {
            calls += c.made;
            measuredCalls += c.measuredCalls;
            measuredAlloc += c.measuredAlloc;
        }
        r.put("calls", calls);
        // What the log call itself allocated on the calling thread, measurement iterations only
        // (the arguments are made in the invocation setup, outside this window).
        r.put("callerAllocBytesPerCall", measuredCalls == 0 || measuredAlloc < 0 ? null
                : Math.round((double) measuredAlloc / measuredCalls));
    }
}
