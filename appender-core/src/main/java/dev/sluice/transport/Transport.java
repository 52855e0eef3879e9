package dev.sluice.transport;

import dev.sluice.encode.EventEncoder;
import dev.sluice.fields.FieldComposer;

/**
 * Delivers batches to a backend, possibly several at once. A batch handed to {@link #send} belongs to
 * the transport until its outcome is reported; the transport marks its events delivered or rejected
 * meanwhile, and the pipeline reads the marks after. Methods are called from the appender's sender
 * thread only, except {@link #close()}, which is called once after that thread has ended (or been given
 * up on).
 */
public interface Transport extends AutoCloseable {
    /** The encoder for this transport's wire format, bound to the composer's field names. */
    EventEncoder encoder(FieldComposer composer);

    /** Connects ahead of the first batch, so that problems are reported early. Failing is allowed. */
    void connect() throws TransportException;

    /**
     * Starts sending the batch's pending events and reports how it ended to {@code outcome}, exactly
     * once. Never called with more than {@link #maxInFlight()} batches unreported.
     */
    void send(Batch batch, SendOutcome outcome);

    /** How many batches may be in flight (sent, outcome not yet reported) at once; at least 1. */
    int maxInFlight();

    /**
     * Called on the sender thread while batches are in flight, at least every {@link #OVERDUE_CHECK_MILLIS}
     * ms: a transport that waits for answers fails those overdue here (their outcome may be reported
     * from within this call).
     */
    default void checkOverdue() {
    }

    /** How often {@link #checkOverdue()} runs at least while batches are in flight. */
    long OVERDUE_CHECK_MILLIS = 100;

    /** Where this transport sends to, for status messages; never contains a secret. */
    String describe();

    @Override
    void close();
}
