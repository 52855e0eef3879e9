package dev.sluice.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An append-only list that test threads can wait on: "at least N items" or "nothing new for a while".
 *
 * <p>Appends are O(1) under a monitor (no copying per arrival), so a consumer thread can feed it hundreds of
 * thousands of items; waiters are woken by {@code notifyAll}, never by polling with fixed sleeps.
 */
final class ArrivalLog<T> {

    private final Object lock = new Object();
    private final ArrayList<T> items = new ArrayList<>();
    private long lastArrivalNanos = System.nanoTime(); // guarded by lock; creation counts as "last activity"
    private String closedReason; // guarded by lock; why no more items can come, if so

    void add(T item) {
        synchronized (lock) {
            items.add(item);
            lastArrivalNanos = System.nanoTime();
            lock.notifyAll();
        }
    }

    /** Records that the source stopped (e.g. the channel was closed), so waiters fail fast with the reason. */
    void markClosed(String reason) {
        synchronized (lock) {
            if (closedReason == null) {
                closedReason = reason;
            }
            lock.notifyAll();
        }
    }

    int size() {
        synchronized (lock) {
            return items.size();
        }
    }

    List<T> snapshot() {
        synchronized (lock) {
            return new ArrayList<>(items);
        }
    }

    /** Waits until at least {@code atLeast} items arrived; returns a snapshot of all items. */
    List<T> awaitSize(int atLeast, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (items.size() < atLeast) {
                long remaining = deadline - System.nanoTime();
                if (closedReason != null || remaining <= 0) {
                    throw new AssertionError("expected at least " + atLeast + " " + what + " within " + timeout
                            + " but got " + items.size()
                            + (closedReason != null ? " (source closed: " + closedReason + ")" : ""));
                }
                timedWait(remaining);
            }
            return new ArrayList<>(items);
        }
    }

    /** Waits until an item matching {@code wanted} arrived; returns a snapshot of the items before the first such item. */
    List<T> awaitItem(java.util.function.Predicate<T> wanted, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            int checked = 0;
            while (true) {
                for (; checked < items.size(); checked++) {
                    if (wanted.test(items.get(checked))) {
                        return new ArrayList<>(items.subList(0, checked));
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (closedReason != null || remaining <= 0) {
                    throw new AssertionError(what + " did not arrive within " + timeout + " (" + items.size()
                            + " others did)" + (closedReason != null ? " (source closed: " + closedReason + ")" : ""));
                }
                timedWait(remaining);
            }
        }
    }

    /** Returns once nothing arrived for {@code quietFor}; fails if items keep coming until {@code timeout}. */
    void awaitQuiet(Duration quietFor, Duration timeout, String what) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long quietNanos = quietFor.toNanos();
        synchronized (lock) {
            int sizeAtStart = items.size();
            while (true) {
                long now = System.nanoTime();
                long quietSoFar = now - lastArrivalNanos;
                if (quietSoFar >= quietNanos) {
                    return;
                }
                long remaining = deadline - now;
                if (remaining <= 0) {
                    throw new AssertionError(what + " kept arriving: no quiet period of " + quietFor
                            + " within " + timeout + "; count went from " + sizeAtStart + " to " + items.size());
                }
                timedWait(Math.min(quietNanos - quietSoFar, remaining));
            }
        }
    }

    private void timedWait(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(lock, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
