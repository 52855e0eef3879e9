package dev.sluice.pipeline;

import dev.sluice.transport.Batch;
import dev.sluice.transport.SendOutcome;
import dev.sluice.transport.Transport;
import dev.sluice.transport.TransportException;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The batches between the dispatcher and the transport: hands them over within the transport's window
 * ({@link Transport#maxInFlight()}), collects their outcomes (reported from any thread), retries failed
 * ones with backoff (only their pending events, so a partial delivery resumes), gives up after
 * {@code maxRetries}, and counts every event exactly once: sent, rejected, failed, or dropped at shutdown.
 * The sender thread calls everything except {@link #abandon()}, which the stopping thread calls when the
 * close deadline passed.
 */
final class Deliveries {
    private static final long OVERDUE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(Transport.OVERDUE_CHECK_MILLIS);

    private final Transport transport;
    private final int window;
    private final PipelineStats stats;
    private final int maxRetries;
    private final Backoff backoff;
    private final StatusThrottle failures;
    private final StatusThrottle givenUp;
    private final Runnable wakeSender;

    /** Outcomes reported by the transport, waiting for the sender thread. */
    private final Queue<Attempt> reported = new ConcurrentLinkedQueue<>();
    /** Every batch not yet counted, for {@link #abandon()}. */
    private final Set<Attempt> uncounted = ConcurrentHashMap.newKeySet();
    /** Failed batches waiting for their retry, earliest first. Sender thread only. */
    private final PriorityQueue<Attempt> retries = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    /** Batches handed over or waiting for a retry. Sender thread only. */
    private int unsettled;
    /** Of those, the ones the transport holds. Sender thread only. */
    private int sending;
    private long nextOverdueCheck;
    private volatile boolean abandoned;

    Deliveries(Transport transport, PipelineOptions options, PipelineStats stats, StatusThrottle failures,
               StatusThrottle givenUp, Runnable wakeSender) {
        this.transport = transport;
        this.window = Math.max(1, Math.min(transport.maxInFlight(), options.maxInFlight()));
        this.stats = stats;
        this.maxRetries = options.maxRetries();
        this.backoff = new Backoff(options.retryBackoff(), options.maxRetryBackoff());
        this.failures = failures;
        this.givenUp = givenUp;
        this.wakeSender = wakeSender;
    }

    /** One batch on its way, attempt by attempt; also the transport's callback for the current attempt. */
    private final class Attempt implements SendOutcome {
        final Batch batch;
        int number;
        long startedNanos;
        long dueNanos;
        /** Settled before the current attempt, and pending when it started: what {@link #abandon()} counts. */
        volatile Batch.Tally before;
        volatile int pendingAtStart;
        volatile TransportException failure;
        final AtomicBoolean counted = new AtomicBoolean();

        Attempt(Batch batch) {
            this.batch = batch;
        }

        @Override
        public void completed(Batch b) {
            failure = null;
            reported.add(this);
            wakeSender.run();
        }

        @Override
        public void failed(Batch b, TransportException e) {
            failure = e;
            reported.add(this);
            wakeSender.run();
        }
    }

    /** Whether another batch may be handed over now. */
    boolean hasRoom() {
        return unsettled < window;
    }

    /** Whether no batch is in flight or waiting for a retry. */
    boolean isEmpty() {
        return unsettled == 0;
    }

    /** Hands a new batch to the transport; only when {@link #hasRoom()}. */
    void send(Batch batch) {
        Attempt a = new Attempt(batch);
        unsettled++;
        uncounted.add(a);
        start(a, System.nanoTime());
    }

    private void start(Attempt a, long now) {
        Batch.Tally before = a.batch.tally();
        a.before = before;
        a.pendingAtStart = a.batch.size() - before.settled();
        if (abandoned) {
            countAbandoned(a); // abandon() may have missed an attempt added while it ran
            return;
        }
        a.startedNanos = now;
        sending++;
        if (sending == 1) {
            nextOverdueCheck = now + OVERDUE_CHECK_NANOS;
        }
        try {
            transport.send(a.batch, a);
        } catch (RuntimeException | Error e) {
            // Like encoding: a full heap is usually transient; the batch is retried, never lost uncounted.
            a.failed(a.batch, new TransportException("Unexpected error sending to " + transport.describe() + ": " + e,
                    true, e));
        }
    }

    /**
     * Settles reported outcomes, starts the retries that are due and lets the transport fail overdue sends.
     * While stopping, retries due after {@code closeDeadline} are given up (counted as shutdown drops).
     *
     * @return nanos until this wants to run again (a retry or an overdue check), or {@link Long#MAX_VALUE}
     */
    long work(long now, boolean stopping, long closeDeadline) {
        Attempt a;
        while ((a = reported.poll()) != null) {
            sending--;
            settle(a, now, stopping);
        }
        while (!retries.isEmpty()) {
            Attempt next = retries.peek();
            long due = stopping ? Math.min(next.dueNanos, closeDeadline) : next.dueNanos;
            if (due - now > 0) {
                break;
            }
            retries.poll();
            if (stopping && now - closeDeadline >= 0) {
                finish(next, DropReason.SHUTDOWN);
            } else {
                stats.retried();
                start(next, now);
            }
        }
        long wait = Long.MAX_VALUE;
        if (sending > 0) {
            if (now - nextOverdueCheck >= 0) {
                nextOverdueCheck = now + OVERDUE_CHECK_NANOS;
                transport.checkOverdue();
            }
            wait = nextOverdueCheck - now;
        }
        if (!retries.isEmpty()) {
            long due = retries.peek().dueNanos;
            wait = Math.min(wait, (stopping ? Math.min(due, closeDeadline) : due) - now);
        }
        return Math.max(0, wait);
    }

    private void settle(Attempt a, long now, boolean stopping) {
        TransportException failure = a.failure;
        long took = now - a.startedNanos;
        if (failure == null) {
            stats.sendSucceeded(took);
            markPendingDelivered(a.batch, a.batch.size()); // the backend took all of it
            finish(a, null);
            failures.healthy();
            return;
        }
        stats.sendFailed(took, failure.getMessage());
        failures.failure(failure.getMessage(), failure.getCause());
        // A transport that sends a batch in several requests may report a delivered start instead of marks.
        markPendingDelivered(a.batch, Math.min(failure.delivered(), a.batch.size()));
        int undelivered = a.batch.pendingCount();
        if (undelivered == 0) {
            finish(a, null); // every event was delivered or rejected on its own
            return;
        }
        if (!failure.isRetryable() || a.number >= maxRetries) {
            giveUp(a, failure, undelivered);
            return;
        }
        a.number++;
        a.dueNanos = now + backoff.delayNanos(a.number);
        // Back with us until the retry: what abandon() would count is what the batch holds now.
        a.before = a.batch.tally();
        a.pendingAtStart = undelivered;
        retries.add(a);
    }

    private void giveUp(Attempt a, TransportException failure, int undelivered) {
        Batch batch = a.batch;
        Batch.Tally done = batch.tally();
        String what = undelivered == batch.size() ? "a batch of " + batch.size() + " events"
                : "the last " + undelivered + " of a batch of " + batch.size() + " events (" + done.delivered
                + " delivered" + (done.rejected > 0 ? ", " + done.rejected + " dropped" : "") + ")";
        givenUp.failure("gave up: " + failure.getMessage(), "Gave up on " + what + " to " + transport.describe()
                + " after " + (a.number + 1) + " attempt(s)" + (failure.isRetryable() ? "" : " (not retryable)")
                + "; counted as failed: " + failure.getMessage(), null);
        // Counted after the report, so that whoever sees the count finds the report too.
        unsettled--;
        uncounted.remove(a);
        if (a.counted.compareAndSet(false, true)) {
            count(done);
            stats.failed(undelivered);
        }
    }

    /** Counts a batch that is done: its marks, and its pending events (if any) as {@code pendingAs}. */
    private void finish(Attempt a, DropReason pendingAs) {
        unsettled--;
        uncounted.remove(a);
        if (!a.counted.compareAndSet(false, true)) {
            return; // abandon() counted it while its send was stuck
        }
        count(a.batch.tally());
        int pending = a.batch.pendingCount();
        if (pending > 0 && pendingAs != null) {
            stats.dropped(pendingAs, pending);
        }
    }

    /**
     * The close deadline passed with batches unsettled: counts each as it stood when its current attempt
     * started (settled events by their marks, the rest as shutdown drops), exactly once even against a
     * late outcome. Any thread.
     */
    void abandon() {
        abandoned = true;
        List<Attempt> left = new ArrayList<>(uncounted);
        for (Attempt a : left) {
            countAbandoned(a);
        }
    }

    private void countAbandoned(Attempt a) {
        uncounted.remove(a);
        if (a.counted.compareAndSet(false, true)) {
            count(a.before);
            if (a.pendingAtStart > 0) {
                stats.dropped(DropReason.SHUTDOWN, a.pendingAtStart);
            }
        }
    }

    private void count(Batch.Tally tally) {
        if (tally.delivered > 0) {
            stats.sent(tally.delivered);
        }
        if (tally.rejected > 0) {
            stats.dropped(DropReason.REJECTED, tally.rejected);
        }
    }

    /** Marks the still pending events among the first {@code end} of the batch as delivered. */
    private static void markPendingDelivered(Batch batch, int end) {
        for (int i = 0; i < end; i++) {
            batch.delivered(i); // no effect on an event already delivered or rejected
        }
    }
}
