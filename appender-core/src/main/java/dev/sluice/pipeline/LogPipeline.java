package dev.sluice.pipeline;

import dev.sluice.runtime.SluiceThread;
import dev.sluice.runtime.StatusSink;
import dev.sluice.event.EventLimits;
import dev.sluice.event.LogEvent;
import dev.sluice.fields.FieldComposer;
import dev.sluice.fields.FieldOptions;
import dev.sluice.transport.Transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One appender's pipeline: the bounded queue that application threads offer to, and the sender
 * thread that composes, encodes, batches and sends. Adapters hold one and call {@link #offer} and
 * {@link #stop}; nothing here blocks a log call unless {@code overflow=block} was chosen.
 */
public final class LogPipeline {
    private static final long BLOCK_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final String name;
    private final PipelineOptions options;
    private final EventQueue queue;
    private final PipelineStats stats = new PipelineStats();
    private final Dispatcher dispatcher;
    private final Transport transport;
    private final StatusSink status;
    private final java.util.concurrent.atomic.AtomicBoolean unreadableReported = new java.util.concurrent.atomic.AtomicBoolean();
    private final Thread sender;
    private final boolean capturesCallerData;
    private final EventLimits limits;
    private volatile boolean closed;
    /** Set after stop's first final drain; a producer that queued later drains itself (see offer). */
    private volatile boolean drained;

    private LogPipeline(String name, FieldOptions fields, PipelineOptions options, Transport transport, StatusSink status) {
        this.name = name;
        this.options = options;
        this.transport = transport;
        this.status = status;
        this.capturesCallerData = fields.includeCallerData();
        this.limits = fields.limits();
        this.queue = new EventQueue(options.queueSize(), options.maxQueueBytes(), options.reservedEvents(),
                options.reservedBytes(), options.overflowReserveLevel().levelValue());
        this.dispatcher = new Dispatcher(queue, new FieldComposer(fields), transport, options, stats, status,
                fields.collapseRepeats().isZero() ? null : new RepeatCollapser(fields.collapseRepeats().toNanos()));
        this.sender = SluiceThread.create("sluice-" + name, dispatcher);
        dispatcher.bind(sender);
    }

    /** Starts the sender thread. Returns at once: connecting happens on the sender thread. */
    public static LogPipeline start(String name, FieldOptions fields, PipelineOptions options, Transport transport,
                                    StatusSink status) {
        LogPipeline p = new LogPipeline(name, fields, options, transport, status);
        p.sender.start();
        return p;
    }

    /**
     * Hands an event to the sender thread. Never throws; an event that cannot be queued is counted.
     *
     * @return whether the event was queued
     */
    public boolean offer(LogEvent event) {
        if (closed) {
            stats.turnedAway(DropReason.SHUTDOWN, event.levelValue());
            return false;
        }
        long bytes = event.estimatedBytes();
        if (bytes > queue.maxBytes(event.levelValue())) {
            // Larger than the whole queue, or than the queue less the reserve for a level below it: it never fits.
            stats.turnedAway(DropReason.TOO_LARGE, event.levelValue());
            return false;
        }
        long depth = queue.tryOffer(event, bytes);
        if (depth < 0 && options.overflow() == Overflow.BLOCK) {
            depth = offerBlocking(event, bytes);
        }
        if (depth < 0) {
            stats.turnedAway(closed ? DropReason.SHUTDOWN : DropReason.QUEUE_FULL, event.levelValue());
            return false;
        }
        if (drained) {
            // This offer raced with stop() and landed after its drain: count it rather than lose it.
            dropRemaining();
            return false;
        }
        dispatcher.eventArrived(depth);
        return true;
    }

    /**
     * Waits for room as {@link EventQueue#tryOffer} sees it for this event's level: an event below the
     * reserve level waits while only the reserve is free, and never takes it.
     */
    private long offerBlocking(LogEvent event, long bytes) {
        long deadline = System.nanoTime() + options.maxBlock().toNanos();
        long depth = -1;
        while (depth < 0 && !closed && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(this, BLOCK_POLL_NANOS);
            if (Thread.interrupted()) {
                // Keep the caller's interrupt; stop waiting.
                Thread.currentThread().interrupt();
                break;
            }
            depth = queue.tryOffer(event, bytes);
        }
        return depth;
    }

    /**
     * Stops accepting events, drains the queue and in-flight batch within {@code closeTimeout},
     * closes the transport and reports what could not be delivered. Idempotent.
     */
    public synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        long timeoutNanos = options.closeTimeout().toNanos();
        dispatcher.beginStop(System.nanoTime() + timeoutNanos);
        join(timeoutNanos);
        if (sender.isAlive()) {
            dispatcher.abandon();
            sender.interrupt();
            transport.close();
            join(TimeUnit.SECONDS.toNanos(2));
        } else {
            transport.close();
        }
        dropRemaining();
        drained = true;
        // Offers that passed the closed check before stop() but queued after the drain above.
        dropRemaining();
        dispatcher.flushReports();
        PipelineStats.Snapshot s = stats();
        long undelivered = s.failed() + s.droppedTotal();
        String summary = "Sluice appender '" + name + "' stopped: " + s;
        if (undelivered > 0) {
            status.warn(summary + "; " + undelivered + " event(s) were not delivered", null);
        } else {
            status.info(summary);
        }
    }

    private void dropRemaining() {
        long left = 0;
        while (queue.poll() != null) {
            left++;
        }
        if (left > 0) {
            stats.dequeued(left);
            stats.dropped(DropReason.SHUTDOWN, left);
        }
    }

    private void join(long nanos) {
        long deadline = System.nanoTime() + nanos;
        boolean interrupted = false;
        while (sender.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Counts an event the adapter could not even snapshot (a bug, a hostile event, a broken logging set-up);
     * the first one is reported with its cause, later ones only in the throttled drop report. Never throws.
     */
    public void rejected(Throwable cause) {
        stats.dropped(DropReason.ENCODE_ERROR, 1);
        if (!unreadableReported.get() && unreadableReported.compareAndSet(false, true)) {
            status.warn("Sluice appender '" + name + "': could not read an event, so it was dropped (counted as"
                    + " 'encode error'; later ones are only counted)", cause);
        }
    }

    /** Whether adapters must capture the caller (class, method, line) when they snapshot an event. */
    public boolean capturesCallerData() {
        return capturesCallerData;
    }

    /** The bounds adapters apply when they take an event, so that its estimate bounds its memory. */
    public EventLimits eventLimits() {
        return limits;
    }

    public PipelineStats.Snapshot stats() {
        return stats.snapshot(queue.depth());
    }

    public String name() {
        return name;
    }

    public boolean isStopped() {
        return closed;
    }
}
