package dev.sluice.testkit.sls;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** Faults queued by a test, handed out one per request in the order they were queued. */
final class FaultPlan {

    enum Kind { FAIL, FAIL_RAW, DELAY, DROP }

    static final class Fault {
        final Kind kind;
        final int status;
        final String errorCode;
        final String body;
        final Duration delay;

        Fault(Kind kind, int status, String errorCode, String body, Duration delay) {
            this.kind = kind;
            this.status = status;
            this.errorCode = errorCode;
            this.body = body;
            this.delay = delay;
        }
    }

    private final Deque<Fault> queued = new ArrayDeque<>();
    private Duration delayAll = Duration.ZERO;

    synchronized void add(int times, Fault fault) {
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0");
        }
        for (int i = 0; i < times; i++) {
            queued.add(fault);
        }
    }

    synchronized void delayAll(Duration delay) {
        delayAll = delay == null ? Duration.ZERO : delay;
    }

    /** The fault for the next request, or null for a normal answer. */
    synchronized Fault next() {
        return queued.poll();
    }

    synchronized Duration standingDelay() {
        return delayAll;
    }

    synchronized void clear() {
        queued.clear();
        delayAll = Duration.ZERO;
    }
}
