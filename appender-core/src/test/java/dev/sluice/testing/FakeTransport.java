package dev.sluice.testing;

import dev.sluice.transport.BlockingTransport;
import dev.sluice.transport.rabbitmq.AmqpMessage;
import dev.sluice.encode.EncodedEvent;
import dev.sluice.encode.EventEncoder;
import dev.sluice.encode.JsonEncoder;
import dev.sluice.fields.FieldComposer;
import dev.sluice.fields.Record;
import dev.sluice.transport.Batch;
import dev.sluice.transport.Transport;
import dev.sluice.transport.TransportException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * An in-memory {@link Transport}. Encodes with the real {@link JsonEncoder} and uses the record's
 * {@code message} text as the event key, so tests can count deliveries per event. It can be told to
 * fail a number of attempts (retryably or not) and to hold every send on a gate.
 */
public final class FakeTransport implements BlockingTransport {
    /** What one successful send delivered. */
    public static final class SentBatch {
        public final List<String> keys;
        public final List<byte[]> bodies;
        public final long bytes;

        SentBatch(Batch b, boolean keepBodies) {
            this.keys = b.events().stream().map(e -> ((AmqpMessage) e).routingKey()).collect(Collectors.toList());
            this.bodies = keepBodies
                    ? b.events().stream().map(EncodedEvent::body).collect(Collectors.toList())
                    : List.of();
            this.bytes = b.bytes();
        }

        public int size() {
            return keys.size();
        }
    }

    private final List<SentBatch> sent = new ArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger retryableFailuresLeft = new AtomicInteger();
    private final AtomicInteger permanentFailuresLeft = new AtomicInteger();
    private final AtomicInteger runtimeFailuresLeft = new AtomicInteger();
    private final AtomicInteger outOfMemoryLeft = new AtomicInteger();
    private final AtomicInteger errorsLeft = new AtomicInteger();
    private volatile Error error;
    private volatile String poisonMessage;
    private volatile Error poisonError;
    private volatile Error connectError;
    private final CountDownLatch connectGate = new CountDownLatch(1);
    private volatile boolean holdConnect;
    private volatile boolean keepBodies = true;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger connects = new AtomicInteger();
    private volatile boolean alwaysFailRetryably;
    private volatile CountDownLatch gate;
    private volatile boolean ignoreInterrupts;
    private final CountDownLatch firstSendStarted = new CountDownLatch(1);

    /** The next {@code n} attempts fail with a retryable {@link TransportException}. */
    public FakeTransport failRetryably(int n) {
        retryableFailuresLeft.set(n);
        return this;
    }

    /** Every attempt fails with a retryable {@link TransportException}. */
    public FakeTransport alwaysFailRetryably() {
        alwaysFailRetryably = true;
        return this;
    }

    /** Ends {@link #alwaysFailRetryably()}: the backend is back. */
    public FakeTransport recover() {
        alwaysFailRetryably = false;
        return this;
    }

    /** The next {@code n} attempts fail with a non-retryable {@link TransportException}. */
    public FakeTransport failPermanently(int n) {
        permanentFailuresLeft.set(n);
        return this;
    }

    /** The next {@code n} attempts throw an unexpected RuntimeException (a transport bug). */
    public FakeTransport failWithRuntimeException(int n) {
        runtimeFailuresLeft.set(n);
        return this;
    }

    /** The next {@code n} attempts throw OutOfMemoryError (a large compression buffer on a full heap). */
    /** The next {@code n} sends throw {@code error}, as a buggy client library might. */
    public FakeTransport failWithError(Error error, int n) {
        this.error = error;
        errorsLeft.set(n);
        return this;
    }

    /** Encoding an event whose message is {@code message} throws {@code error}. */
    public FakeTransport encoderFailsFor(String message, Error error) {
        this.poisonMessage = message;
        this.poisonError = error;
        return this;
    }

    public FakeTransport failWithOutOfMemoryError(int n) {
        outOfMemoryLeft.set(n);
        return this;
    }

    /** connect() throws {@code e} (a missing class of the client library, a full heap). */
    public FakeTransport failConnectWith(Error e) {
        connectError = e;
        return this;
    }

    /** connect() (the sender thread's first step) waits until {@link #releaseConnect()}. */
    public FakeTransport holdConnect() {
        holdConnect = true;
        return this;
    }

    public void releaseConnect() {
        connectGate.countDown();
    }

    /** Keep only keys, not bodies (for high-volume tests). */
    public FakeTransport dropBodies() {
        keepBodies = false;
        return this;
    }

    /** Every send waits until {@link #open()}; an interrupt ends the wait with a retryable failure. */
    public FakeTransport holdSends() {
        gate = new CountDownLatch(1);
        return this;
    }

    /** Like {@link #holdSends()}, but the wait ignores interrupts (a send stuck in non-interruptible I/O). */
    public FakeTransport holdSendsIgnoringInterrupts() {
        ignoreInterrupts = true;
        return holdSends();
    }

    /** Releases held sends (now and for the future) and a held connect. */
    public void open() {
        CountDownLatch g = gate;
        if (g != null) {
            g.countDown();
        }
        connectGate.countDown();
    }

    @Override
    public EventEncoder encoder(FieldComposer composer) {
        JsonEncoder json = new JsonEncoder(composer.timestampFieldName());
        String messageField = composer.recordName("message");
        return record -> {
            String key = keyOf(record, messageField);
            if (poisonMessage != null && poisonMessage.equals(key)) {
                throw poisonError;
            }
            return new AmqpMessage(json.encode(record), record.epochMilli(), record.level(), record.loggerName(), key);
        };
    }

    private static String keyOf(Record r, String field) {
        int i = r.indexOf(field);
        return i < 0 ? null : r.text(i);
    }

    @Override
    public void connect() {
        connects.incrementAndGet();
        Error error = connectError;
        if (error != null) {
            throw error;
        }
        if (holdConnect) {
            try {
                connectGate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void send(Batch batch) throws TransportException {
        attempts.incrementAndGet();
        firstSendStarted.countDown();
        CountDownLatch g = gate;
        if (g != null) {
            awaitGate(g);
        }
        if (permanentFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new TransportException("fake backend rejected the batch", false);
        }
        if (runtimeFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("fake transport bug");
        }
        if (errorsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw error;
        }
        if (outOfMemoryLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new OutOfMemoryError("fake: Java heap space");
        }
        if (alwaysFailRetryably || retryableFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new TransportException("fake backend unavailable", true);
        }
        synchronized (sent) {
            sent.add(new SentBatch(batch, keepBodies));
        }
    }

    private void awaitGate(CountDownLatch g) throws TransportException {
        boolean interrupted = false;
        try {
            for (;;) {
                try {
                    g.await();
                    return;
                } catch (InterruptedException e) {
                    if (!ignoreInterrupts) {
                        throw new TransportException("fake send interrupted", true);
                    }
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String describe() {
        return "fake://in-memory";
    }

    @Override
    public void close() {
        closed.set(true);
    }

    public boolean isClosed() {
        return closed.get();
    }

    public int connects() {
        return connects.get();
    }

    public int attempts() {
        return attempts.get();
    }

    /** Waits (bounded) until the sender thread has entered {@link #send} at least once. */
    public void awaitFirstSend() throws InterruptedException {
        if (!firstSendStarted.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("the sender never called send()");
        }
    }

    public List<SentBatch> batches() {
        synchronized (sent) {
            return new ArrayList<>(sent);
        }
    }

    public List<String> sentKeys() {
        List<String> keys = new ArrayList<>();
        for (SentBatch b : batches()) {
            keys.addAll(b.keys);
        }
        return keys;
    }

    public int sentCount() {
        int n = 0;
        for (SentBatch b : batches()) {
            n += b.size();
        }
        return n;
    }

    public List<Integer> batchSizes() {
        return batches().stream().map(SentBatch::size).collect(Collectors.toList());
    }
}
