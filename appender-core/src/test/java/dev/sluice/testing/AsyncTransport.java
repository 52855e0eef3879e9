package dev.sluice.testing;

import dev.sluice.encode.EncodedEvent;
import dev.sluice.encode.EventEncoder;
import dev.sluice.encode.JsonEncoder;
import dev.sluice.fields.FieldComposer;
import dev.sluice.transport.Batch;
import dev.sluice.transport.SendOutcome;
import dev.sluice.transport.Transport;
import dev.sluice.transport.TransportException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipelining transport whose answers the test gives: every batch sent is held until the test completes
 * or fails it (from the test thread, as a backend's I/O thread would), in any order. Records what was
 * delivered and the most batches ever held at once.
 */
public final class AsyncTransport implements Transport {

    /** A batch the transport holds, and what it was sent with. */
    public static final class Held {
        public final Batch batch;
        final SendOutcome outcome;
        /** The events pending when it was sent (a retry sends only these). */
        public final List<String> pendingMessages;

        Held(Batch batch, SendOutcome outcome, List<String> pendingMessages) {
            this.batch = batch;
            this.outcome = outcome;
            this.pendingMessages = pendingMessages;
        }
    }

    private final int maxInFlight;
    private final List<Held> held = new ArrayList<>();
    private final List<String> delivered = new ArrayList<>();
    private int mostHeld;
    private int sends;

    public AsyncTransport(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    @Override
    public EventEncoder encoder(FieldComposer composer) {
        JsonEncoder json = new JsonEncoder(composer.timestampFieldName());
        String messageField = composer.recordName("message");
        return record -> {
            int i = record.indexOf(messageField);
            // The body is the bare message, so that tests can name events.
            byte[] body = (i < 0 ? "" : record.text(i)).getBytes(StandardCharsets.UTF_8);
            json.encode(record); // the real encoding still runs
            return new EncodedEvent(body, record.epochMilli(), record.level());
        };
    }

    @Override
    public void connect() {
    }

    @Override
    public synchronized void send(Batch batch, SendOutcome outcome) {
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.isPending(i)) {
                pending.add(text(batch.events().get(i)));
            }
        }
        held.add(new Held(batch, outcome, pending));
        sends++;
        mostHeld = Math.max(mostHeld, held.size());
        notifyAll();
    }

    @Override
    public int maxInFlight() {
        return maxInFlight;
    }

    /** Waits until at least {@code n} batches are held; returns them, oldest first. */
    public synchronized List<Held> awaitHeld(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (held.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("only " + held.size() + " of " + n + " batches arrived");
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return new ArrayList<>(held);
    }

    /** Answers a held batch: delivered (all its pending events). */
    public void complete(Held h) {
        synchronized (this) {
            take(h);
            for (int i = 0; i < h.batch.size(); i++) {
                if (h.batch.isPending(i)) {
                    delivered.add(text(h.batch.events().get(i)));
                }
            }
        }
        h.outcome.completed(h.batch);
    }

    /** Answers a held batch: the first {@code deliveredIndices} are marked delivered, the attempt failed. */
    public void fail(Held h, boolean retryable, int... deliveredIndices) {
        synchronized (this) {
            take(h);
            for (int i : deliveredIndices) {
                if (h.batch.isPending(i)) {
                    h.batch.delivered(i);
                    delivered.add(text(h.batch.events().get(i)));
                }
            }
        }
        h.outcome.failed(h.batch, new TransportException("test backend failed", retryable));
    }

    private void take(Held h) {
        if (!held.remove(h)) {
            throw new IllegalStateException("not held: answered twice?");
        }
    }

    public synchronized List<String> delivered() {
        return new ArrayList<>(delivered);
    }

    public synchronized int mostHeld() {
        return mostHeld;
    }

    public synchronized int sends() {
        return sends;
    }

    private static String text(EncodedEvent e) {
        return new String(e.body(), StandardCharsets.UTF_8);
    }

    @Override
    public String describe() {
        return "async test backend";
    }

    @Override
    public void close() {
    }
}
