package dev.sluice.pipeline;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of one pipeline. Application threads touch only the drop counters (on the rare
 * drop path); everything else is written by the sender thread.
 */
public final class PipelineStats {
    private static final Severity[] SEVERITIES = Severity.values();

    private final EnumMap<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
    /** Events turned away at the log call, by {@link Severity#ordinal()}. */
    private final LongAdder[] droppedByLevel = new LongAdder[SEVERITIES.length];
    private final AtomicLong dequeued = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong collapsed = new AtomicLong();
    private final AtomicLong sendAttempts = new AtomicLong();
    private final AtomicLong sendNanos = new AtomicLong();
    // Health: wall-clock times, since they are shown to people and compared across processes.
    private volatile long lastSuccessMillis;
    private volatile long failingSinceMillis;
    private volatile String lastError;

    PipelineStats() {
        for (DropReason r : DropReason.values()) {
            dropped.put(r, new LongAdder());
        }
        for (int i = 0; i < droppedByLevel.length; i++) {
            droppedByLevel[i] = new LongAdder();
        }
    }

    void dropped(DropReason reason, long n) {
        dropped.get(reason).add(n);
    }

    /**
     * One event turned away at the log call (queue full, too large, logged after stop): counted by
     * reason and by its level. Allocation-free.
     */
    void turnedAway(DropReason reason, int levelValue) {
        dropped.get(reason).increment();
        droppedByLevel[Severity.of(levelValue).ordinal()].increment();
    }

    void dequeued() {
        dequeued.lazySet(dequeued.get() + 1);
    }

    /** Events taken from the queue at stop by a thread other than the sender. */
    void dequeued(long n) {
        dequeued.addAndGet(n);
    }

    void sent(int events) {
        sent.lazySet(sent.get() + events);
        batches.lazySet(batches.get() + 1);
    }

    void failed(int events) {
        failed.lazySet(failed.get() + events);
    }

    /** Repeats folded into another event's count (repeat collapsing). */
    void collapsed(long events) {
        collapsed.lazySet(collapsed.get() + events);
    }

    /** One call of the transport's send that succeeded, and how long it took. */
    void sendSucceeded(long nanos) {
        sendAttempts.lazySet(sendAttempts.get() + 1);
        sendNanos.lazySet(sendNanos.get() + nanos);
        lastSuccessMillis = System.currentTimeMillis();
        failingSinceMillis = 0;
    }

    /** One call of the transport's send that failed; {@code error} must hold no secret (transport messages never do). */
    void sendFailed(long nanos, String error) {
        sendAttempts.lazySet(sendAttempts.get() + 1);
        sendNanos.lazySet(sendNanos.get() + nanos);
        lastError = error;
        if (failingSinceMillis == 0) {
            failingSinceMillis = System.currentTimeMillis();
        }
    }

    void retried() {
        retries.lazySet(retries.get() + 1);
    }

    long droppedTotal() {
        long total = 0;
        for (LongAdder a : dropped.values()) {
            total += a.sum();
        }
        return total;
    }

    long failedTotal() {
        return failed.get();
    }

    Snapshot snapshot(int queueDepth) {
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        for (Map.Entry<DropReason, LongAdder> e : dropped.entrySet()) {
            drops.put(e.getKey(), e.getValue().sum());
        }
        Map<Severity, Long> byLevel = new EnumMap<>(Severity.class);
        for (Severity level : SEVERITIES) {
            byLevel.put(level, droppedByLevel[level.ordinal()].sum());
        }
        return new Snapshot(dequeued.get() + queueDepth, sent.get(), failed.get(), retries.get(),
                batches.get(), queueDepth, drops, byLevel, collapsed.get(),
                new SendHealth(sendAttempts.get(), sendNanos.get(), lastSuccessMillis, failingSinceMillis, lastError));
    }

    /** A consistent-enough copy of the counters, readable from code. */
    public static final class Snapshot {
        private final long accepted;
        private final long sent;
        private final long failed;
        private final long retries;
        private final long batches;
        private final int queueDepth;
        private final Map<DropReason, Long> dropped;
        private final Map<Severity, Long> droppedByLevel;
        private final long collapsed;
        private final SendHealth sends;

        Snapshot(long accepted, long sent, long failed, long retries, long batches, int queueDepth,
                 Map<DropReason, Long> dropped, Map<Severity, Long> droppedByLevel, long collapsed, SendHealth sends) {
            this.collapsed = collapsed;
            this.sends = sends;
            this.accepted = accepted;
            this.sent = sent;
            this.failed = failed;
            this.retries = retries;
            this.batches = batches;
            this.queueDepth = queueDepth;
            this.dropped = dropped;
            this.droppedByLevel = Collections.unmodifiableMap(droppedByLevel);
        }

        /** Events that entered the queue. */
        public long accepted() {
            return accepted;
        }

        /** Events the backend confirmed. */
        public long sent() {
            return sent;
        }

        /** Events in batches that failed for good (retries exhausted or not retryable). */
        public long failed() {
            return failed;
        }

        /** Send attempts that were retried. */
        public long retries() {
            return retries;
        }

        /** Batches the backend confirmed. */
        public long batches() {
            return batches;
        }

        /**
         * Repeats shipped only as part of another event's {@code count} (repeat collapsing). Once
         * the pipeline has stopped: accepted + events turned away when offered (queue full, too
         * large, offered after stop, unreadable) = sent + failed + dropped + collapsed.
         */
        public long collapsed() {
            return collapsed;
        }

        public int queueDepth() {
            return queueDepth;
        }

        public long dropped(DropReason reason) {
            return dropped.get(reason);
        }

        /**
         * Events of this level turned away at the log call: {@code queue full}, {@code too large} and
         * logged after stop (the drops where the level decides, with {@code overflowReserve}). Drops of
         * events already accepted (encode error, rejected by backend, internal error, still queued at
         * stop) are counted by reason only.
         */
        public long dropped(Severity level) {
            return droppedByLevel.get(level);
        }

        /** {@link #dropped(Severity)} of every level, from TRACE up (zeros included). */
        public Map<Severity, Long> droppedByLevel() {
            return droppedByLevel;
        }

        /**
         * The counters of this pipeline added to those of the pipelines it replaced, so that totals
         * never go backwards when a configuration change swaps the pipeline: queue depth and send
         * health are this pipeline's own, counts and send time are summed.
         */
        public Snapshot plus(Snapshot retired) {
            Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
            for (DropReason r : DropReason.values()) {
                drops.put(r, dropped(r) + retired.dropped(r));
            }
            Map<Severity, Long> byLevel = new EnumMap<>(Severity.class);
            for (Severity level : SEVERITIES) {
                byLevel.put(level, dropped(level) + retired.dropped(level));
            }
            SendHealth mine = sends;
            SendHealth sum = new SendHealth(mine.attempts + retired.sends.attempts,
                    mine.totalNanos + retired.sends.totalNanos,
                    Math.max(mine.lastSuccessMillis, retired.sends.lastSuccessMillis), mine.failingSinceMillis,
                    mine.lastError != null ? mine.lastError : retired.sends.lastError);
            return new Snapshot(accepted + retired.accepted, sent + retired.sent, failed + retired.failed,
                    retries + retired.retries, batches + retired.batches, queueDepth, drops, byLevel,
                    collapsed + retired.collapsed, sum);
        }

        /** All zero: the start of a running total. */
        public static Snapshot empty() {
            Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
            for (DropReason r : DropReason.values()) {
                drops.put(r, 0L);
            }
            Map<Severity, Long> byLevel = new EnumMap<>(Severity.class);
            for (Severity level : SEVERITIES) {
                byLevel.put(level, 0L);
            }
            return new Snapshot(0, 0, 0, 0, 0, 0, drops, byLevel, 0, new SendHealth(0, 0, 0, 0, null));
        }

        /** Calls of the transport's send, successful or not, and the time they took: for latency metrics and health. */
        public SendHealth sends() {
            return sends;
        }

        public long droppedTotal() {
            long total = 0;
            for (long n : dropped.values()) {
                total += n;
            }
            return total;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append("accepted=").append(accepted).append(", sent=").append(sent)
                    .append(", failed=").append(failed).append(", retries=").append(retries)
                    .append(", queued=").append(queueDepth).append(", dropped=").append(droppedTotal());
            if (collapsed > 0) {
                sb.insert(sb.indexOf(", queued="), ", collapsed=" + collapsed);
            }
            if (droppedTotal() > 0) {
                sb.append(" (");
                boolean first = true;
                for (Map.Entry<DropReason, Long> e : dropped.entrySet()) {
                    if (e.getValue() > 0) {
                        sb.append(first ? "" : ", ").append(e.getKey().label()).append(": ").append(e.getValue());
                        first = false;
                    }
                }
                // Highest first: a WARN or ERROR here is what the reserve exists to prevent.
                first = true;
                for (int i = SEVERITIES.length - 1; i >= 0; i--) {
                    long n = droppedByLevel.get(SEVERITIES[i]);
                    if (n > 0) {
                        sb.append(first ? "; by level at the log call: " : ", ").append(SEVERITIES[i]).append(' ').append(n);
                        first = false;
                    }
                }
                sb.append(')');
            }
            return sb.toString();
        }
    }

    /** How sending goes: attempts, their total time, and since when it has been failing. */
    public static final class SendHealth {
        private final long attempts;
        private final long totalNanos;
        private final long lastSuccessMillis;
        private final long failingSinceMillis;
        private final String lastError;

        public SendHealth(long attempts, long totalNanos, long lastSuccessMillis, long failingSinceMillis, String lastError) {
            this.attempts = attempts;
            this.totalNanos = totalNanos;
            this.lastSuccessMillis = lastSuccessMillis;
            this.failingSinceMillis = failingSinceMillis;
            this.lastError = lastError;
        }

        /** Calls of the transport's send (one per batch attempt). */
        public long attempts() {
            return attempts;
        }

        /** Their summed duration. */
        public long totalNanos() {
            return totalNanos;
        }

        /** Epoch millis of the last successful send; 0 when none succeeded yet. */
        public long lastSuccessMillis() {
            return lastSuccessMillis;
        }

        /** Epoch millis of the first failure since the last success; 0 while sends succeed (or none was made). */
        public long failingSinceMillis() {
            return failingSinceMillis;
        }

        /** The last send failure's message (never a secret), or null; kept after a recovery. */
        public String lastError() {
            return lastError;
        }
    }
}
