package dev.sluice.transport;

/**
 * Where a transport reports how one send of a batch ended: exactly once per {@link Transport#send(Batch,
 * SendOutcome)}, from any thread, possibly before {@code send} returns. Cheap and non-blocking, so a transport
 * may call it from its I/O thread (amqp-client's connection thread delivers publisher confirms).
 */
public interface SendOutcome {
    /** Every event of the batch is settled: marked delivered or rejected. */
    void completed(Batch batch);

    /**
     * The attempt failed. Events marked delivered or rejected stay so; the others are pending and
     * may be sent again. {@link TransportException#delivered()} may name a delivered start instead.
     */
    void failed(Batch batch, TransportException failure);
}
