package dev.sluice.transport;

import dev.sluice.encode.EventEncoder;
import dev.sluice.fields.FieldComposer;
import dev.sluice.pipeline.Batch;

/**
 * Delivers batches to a backend. All methods are called from the appender's sender thread only,
 * except {@link #close()}, which is called once after that thread has ended (or been given up on).
 */
public interface Transport extends AutoCloseable {
    /** The encoder for this transport's wire format, bound to the composer's field names. */
    EventEncoder encoder(FieldComposer composer);

    /** Connects ahead of the first batch, so that problems are reported early. Failing is allowed. */
    void connect() throws TransportException;

    /** Sends the batch; returns only when the backend has accepted all of it. */
    void send(Batch batch) throws TransportException;

    /** Where this transport sends to, for status messages; never contains a secret. */
    String describe();

    @Override
    void close();
}
