package dev.sluice.pipeline;

import dev.sluice.runtime.StatusSink;
import dev.sluice.transport.Batch;
import dev.sluice.encode.EncodedEvent;
import dev.sluice.encode.EventEncoder;
import dev.sluice.event.LogEvent;
import dev.sluice.fields.FieldComposer;
import dev.sluice.transport.Transport;
import dev.sluice.transport.TransportException;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The sender thread's loop: take events from the queue, compose and encode them, cut batches by
 * size, bytes or linger, and send each with retries. It never dies on bad input or a failing
 * backend; everything it cannot deliver is counted.
 */
final class Dispatcher implements Runnable {
    private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long INTERNAL_ERROR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int AWAKE = Integer.MAX_VALUE;

    private final EventQueue queue;
    private final FieldComposer composer;
    private final EventEncoder encoder;
    private final Transport transport;
    private final PipelineOptions options;
    private final PipelineStats stats;
    private final StatusSink status;
    private final StatusThrottle failures;
    private final StatusThrottle givenUp;
    private final StatusThrottle internalErrors;
    /** The batch being built; a field so that an unexpected error can count it. Sender thread only. */
    private Batch batch;
    private long lingerDeadline;
    /** The event taken from the queue and not yet in a batch or held; counted if an unexpected error strikes. */
    private LogEvent inHand;
    private final Deliveries deliveries;
    private final long lingerNanos;
    private final long statusIntervalNanos;
    /** Null when repeat collapsing is off. */
    private final RepeatCollapser collapser;
    /**
     * Queue depth at which a producer must wake the parked sender; {@link #AWAKE} while it runs.
     * 1 when idle, the room left in the batch while lingering. Producers claim it with a CAS so
     * that only one of them pays for the unpark.
     */
    private final AtomicInteger wakeAtDepth = new AtomicInteger(AWAKE);
    private volatile Thread thread;
    private volatile boolean stopping;
    private volatile boolean abandoned;
    private volatile long closeDeadline;

    private long nextStatusReport;
    private volatile long reportedDrops;
    private long encodeErrorsReported;

    Dispatcher(EventQueue queue, FieldComposer composer, Transport transport, PipelineOptions options,
               PipelineStats stats, StatusSink status, RepeatCollapser collapser) {
        this.collapser = collapser;
        this.queue = queue;
        this.composer = composer;
        this.encoder = transport.encoder(composer);
        this.transport = transport;
        this.options = options;
        this.stats = stats;
        this.status = status;
        this.statusIntervalNanos = options.statusInterval().toNanos();
        this.failures = new StatusThrottle(status, statusIntervalNanos, transport.describe());
        this.givenUp = new StatusThrottle(status, statusIntervalNanos, transport.describe());
        this.internalErrors = new StatusThrottle(status, statusIntervalNanos, transport.describe());
        this.deliveries = new Deliveries(transport, options, stats, failures, givenUp, () -> LockSupport.unpark(thread));
        this.lingerNanos = options.linger().toNanos();
    }

    void bind(Thread sender) {
        this.thread = sender;
    }

    /** Called by application threads after an offer: wakes the sender only when it waits for exactly this. */
    void eventArrived(long depth) {
        int wakeAt = wakeAtDepth.get();
        if (depth >= wakeAt && wakeAtDepth.compareAndSet(wakeAt, AWAKE)) {
            LockSupport.unpark(thread);
        }
    }

    /** Asks the loop to drain everything and end, giving up at {@code deadlineNanos}. */
    void beginStop(long deadlineNanos) {
        closeDeadline = deadlineNanos;
        stopping = true;
        LockSupport.unpark(thread);
    }

    /** The close deadline passed: stop sending, and count what is in flight (as it stood) now. */
    void abandon() {
        abandoned = true;
        deliveries.abandon();
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        connect();
        for (;;) {
            try {
                loop();
                return;
            } catch (Throwable t) {
                // Only a bug or an exhausted heap gets here. A dead sender would turn every later
                // event into a drop: count what the loop held, report (throttled), and go on.
                int lost = (batch == null ? 0 : batch.size()) + (inHand == null ? 0 : 1);
                batch = null;
                inHand = null;
                if (lost > 0) {
                    stats.dropped(DropReason.INTERNAL_ERROR, lost);
                }
                internalErrors.failure("internal error", "Sluice sender thread hit an unexpected error; "
                        + lost + " event(s) it was working on were dropped; the sender goes on", t);
                // Do not spin if the error repeats; stop() still ends the thread through 'abandoned'.
                LockSupport.parkNanos(this, INTERNAL_ERROR_PAUSE_NANOS);
            }
        }
    }

    private void connect() {
        try {
            transport.connect();
        } catch (TransportException e) {
            failures.failure(e.getMessage(), e.getCause());
        } catch (RuntimeException | Error e) {
            // Failing to connect is allowed; the sends that follow retry, fail and count as usual.
            failures.failure("Could not connect to " + transport.describe() + ": " + e, e);
        }
    }

    private void loop() {
        nextStatusReport = System.nanoTime() + statusIntervalNanos;
        for (;;) {
            if (abandoned) {
                if (batch != null) {
                    stats.dropped(DropReason.SHUTDOWN, batch.size());
                }
                if (collapser != null && collapser.heldEvents() > 0) {
                    stats.dropped(DropReason.SHUTDOWN, collapser.heldEvents());
                }
                return;
            }
            long retryWait = deliveries.work(System.nanoTime(), stopping, closeDeadline);
            // A full batch waits for room in the transport's window; meanwhile events wait in the queue.
            boolean batchFull = batch != null && batch.size() >= options.batchSize();
            EncodedEvent encoded = null;
            RepeatCollapser.Held due = null;
            if (!batchFull) {
                due = dueRepeat();
                if (due != null) {
                    encoded = encodeRepeat(due);
                } else {
                    LogEvent e = queue.poll();
                    if (e != null) {
                        stats.dequeued();
                        inHand = e;
                        if (collapser != null && collapser.hold(e, System.nanoTime())) {
                            inHand = null;
                            continue;
                        }
                        encoded = encode(e);
                        inHand = null;
                        if (encoded == null) {
                            continue;
                        }
                    }
                }
            }
            if (encoded != null) {
                if (batch != null && batch.bytes() + encoded.body().length > options.batchBytes()) {
                    if (!deliveries.hasRoom()) {
                        // No room to send the open batch: keep this event for the next one, and wait.
                        parkUntilRoom(retryWait);
                        if (abandoned) {
                            stats.dropped(DropReason.SHUTDOWN, 1);
                            continue;
                        }
                    }
                    shipOpenBatch();
                }
                if (batch == null) {
                    batch = new Batch(Math.min(options.batchSize(), 1024));
                    lingerDeadline = System.nanoTime() + lingerNanos;
                }
                batch.add(encoded);
                if ((batch.size() >= options.batchSize() || batch.bytes() >= options.batchBytes())
                        && deliveries.hasRoom()) {
                    shipOpenBatch();
                }
                continue;
            }
            if (due != null) {
                continue; // a repeat summary that could not be encoded (counted)
            }
            long now = System.nanoTime();
            if (batch != null && (batchFull || stopping || now - lingerDeadline >= 0) && deliveries.hasRoom()) {
                shipOpenBatch();
                continue;
            }
            reportDropsIfDue(now);
            if (stopping && batch == null && deliveries.isEmpty()) {
                if (queue.isEmpty() && (collapser == null || collapser.isEmpty())) {
                    return;
                }
                continue;
            }
            long wait = Math.min(retryWait, Math.min(IDLE_PARK_NANOS, statusIntervalNanos));
            if (batch != null && deliveries.hasRoom()) {
                wait = Math.min(wait, lingerDeadline - now);
            }
            if (collapser != null && !collapser.isEmpty() && !batchFull) {
                // Wake for the end of the earliest window even when no event arrives.
                wait = Math.min(wait, collapser.nanosToNextDeadline(now));
            }
            if (stopping && !batchFull && !queue.isEmpty()) {
                continue; // draining: take the rest of the queue without waiting
            }
            // Producers wake us for events only when we can take them; outcomes and stop always do.
            int wakeDepth = batchFull || stopping ? AWAKE : batch != null ? options.batchSize() - batch.size() : 1;
            park(wakeDepth, wait);
        }
    }

    /** Waits until the transport's window has room for the open batch (an outcome or a due retry), or abandon. */
    private void parkUntilRoom(long retryWait) {
        long wait = retryWait;
        while (!deliveries.hasRoom() && !abandoned) {
            park(AWAKE, Math.min(wait, Math.min(IDLE_PARK_NANOS, statusIntervalNanos)));
            long now = System.nanoTime();
            reportDropsIfDue(now);
            wait = deliveries.work(now, stopping, closeDeadline);
        }
    }

    /** A held repeat whose window has ended; at stop, once the queue is empty, every held one. */
    private RepeatCollapser.Held dueRepeat() {
        if (collapser == null || collapser.isEmpty()) {
            return null;
        }
        return collapser.pollDue(System.nanoTime(), stopping && queue.isEmpty());
    }

    private EncodedEvent encodeRepeat(RepeatCollapser.Held h) {
        try {
            EncodedEvent encoded = encoder.encode(h.count > 1
                    ? composer.composeRepeated(h.first, h.count, h.lastEpochSecond, h.lastNanoOfSecond)
                    : composer.compose(h.first));
            stats.collapsed(h.count - 1);
            return encoded;
        } catch (RuntimeException | Error ex) {
            return encodeFailed(h.first, h.count, ex);
        }
    }

    /** Parks until {@code depth} events are queued, the timeout passes, or stop is asked. */
    private void park(int depth, long nanos) {
        wakeAtDepth.set(depth);
        // Re-check after publishing the threshold: a producer that missed it has already queued.
        if ((depth == AWAKE || queue.depth() < depth) && !abandoned && (depth == AWAKE || !stopping)) {
            LockSupport.parkNanos(this, nanos);
        }
        wakeAtDepth.set(AWAKE);
    }

    private EncodedEvent encode(LogEvent e) {
        try {
            return encoder.encode(composer.compose(e));
        } catch (RuntimeException | Error ex) {
            return encodeFailed(e, 1, ex);
        }
    }

    /** Counts {@code events} (an event, or a held one and its repeats) as encode errors; always null. */
    private EncodedEvent encodeFailed(LogEvent e, long events, Throwable ex) {
        stats.dropped(DropReason.ENCODE_ERROR, events);
        if (encodeErrorsReported++ == 0) {
            // Later ones are included in the throttled drop report.
            status.warn("Could not encode an event of logger '" + e.loggerName() + "'; it was dropped", ex);
        }
        return null;
    }

    /** Hands the batch being built to the transport (through {@link Deliveries}, which counts it from then on). */
    private void shipOpenBatch() {
        Batch b = batch;
        batch = null;
        deliveries.send(b);
        reportDropsIfDue(System.nanoTime());
    }

    private void reportDropsIfDue(long now) {
        if (now - nextStatusReport >= 0) {
            reportDrops();
            nextStatusReport = now + statusIntervalNanos;
        }
    }

    private synchronized void reportDrops() {
        long drops = stats.droppedTotal();
        if (drops != reportedDrops) {
            status.warn("Dropped " + (drops - reportedDrops) + " event(s) in the last "
                    + (statusIntervalNanos / 1_000_000) + " ms; totals: " + stats.snapshot(queue.depth()), null);
            reportedDrops = drops;
        }
    }

    /** Reports drops not yet reported; called once when the pipeline stops. */
    void flushReports() {
        reportDrops();
    }
}
