package dev.sluice.testkit.sls;

/**
 * Requests being handled at once (arrived and not yet answered), the most seen, and answers held back on purpose:
 * what a test needs to see a client's concurrent requests without timing anything.
 */
final class InFlight {
    private int handling;
    private int mostHandling;
    private boolean holding;
    /** Bumped by each release: a held answer waits for the release that follows its arrival, not any later hold. */
    private long releases;
    private int held;

    /** A request arrived: it counts until {@link #end()}, which runs before its answer is written. */
    synchronized void begin() {
        handling++;
        mostHandling = Math.max(mostHandling, handling);
    }

    synchronized void end() {
        handling--;
    }

    synchronized int mostAtOnce() {
        return mostHandling;
    }

    /** From now on answers wait in {@link #awaitRelease()} until {@link #release()}. */
    synchronized void hold() {
        holding = true;
    }

    /** Lets every held answer go and stops holding. */
    synchronized void release() {
        holding = false;
        releases++;
        notifyAll();
    }

    /** Waits while answers are held; returns at once when they are not. */
    synchronized void awaitRelease() throws InterruptedException {
        if (!holding) {
            return;
        }
        long release = releases;
        held++;
        notifyAll();
        try {
            while (releases == release) {
                wait();
            }
        } finally {
            held--;
        }
    }

    /** Waits until {@code n} answers are held at once; false when the timeout passed first. */
    synchronized boolean awaitHeld(int n, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (held < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return true;
    }

    synchronized int held() {
        return held;
    }

    /** Releases held answers and restarts the most-at-once count from the requests being handled now. */
    synchronized void clear() {
        release();
        mostHandling = handling;
    }
}
