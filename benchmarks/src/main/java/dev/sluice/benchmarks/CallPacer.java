package dev.sluice.benchmarks;

import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One calling thread's pacing in a caller-cost benchmark, and what its timed calls allocated. Used from a JMH
 * per-invocation setup: {@link #previousCallDone()} first, then the next call's arguments, then
 * {@link #awaitNextSlot()} last, so that only the timed call falls between the allocation marks.
 */
final class CallPacer {
    private static final com.sun.management.ThreadMXBean ALLOC =
            ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean
                    ? (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()
                    : null;

    private final long paceNanos;
    private final boolean spin;
    private long next = System.nanoTime();
    private boolean measuring;
    private long allocMark = -1;
    private volatile long measuredAlloc;
    private volatile long measuredCalls;

    /**
     * @param paceMicros one call per this many microseconds; 0 = back-to-back
     * @param pacing {@code park} (sleeps; the CPU may idle) or {@code spin} (stays hot)
     */
    CallPacer(int paceMicros, String pacing) {
        this.paceNanos = TimeUnit.MICROSECONDS.toNanos(paceMicros);
        this.spin = "spin".equals(pacing);
    }

    void iterationStart(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        allocMark = -1;
    }

    /**
     * Charges the bytes this thread allocated since {@link #awaitNextSlot()} to the call just made (the timed log
     * call, plus JMH's own sample bookkeeping, which allocates only rarely); measurement iterations only.
     */
    void previousCallDone() {
        if (ALLOC != null && measuring && allocMark >= 0) {
            measuredAlloc += ALLOC.getCurrentThreadAllocatedBytes() - allocMark;
            measuredCalls++;
        }
    }

    /** Waits until this thread's next call is due, then marks the allocation counter. */
    void awaitNextSlot() {
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

    /** Bytes per measured call over all {@code pacers}, or null when unknown. */
    static Long allocBytesPerCall(Iterable<CallPacer> pacers) {
        long calls = 0;
        long bytes = 0;
        for (CallPacer p : pacers) {
            calls += p.measuredCalls;
            bytes += p.measuredAlloc;
        }
        return calls == 0 || bytes < 0 ? null : Math.round((double) bytes / calls);
    }
}
