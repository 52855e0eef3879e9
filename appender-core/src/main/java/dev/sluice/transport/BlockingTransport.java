package dev.sluice.transport;

/**
 * A transport that sends one batch at a time and waits for the backend's answer on the sender thread:
 * the simplest contract, for backends without pipelining and for tests.
 */
public interface BlockingTransport extends Transport {

    /** Sends the batch; returns only when the backend has accepted (or rejected) all of it. */
    void send(Batch batch) throws TransportException;

    @Override
    default void send(Batch batch, SendOutcome outcome) {
        try {
            send(batch);
        } catch (TransportException e) {
            outcome.failed(batch, e);
            return;
        }
        outcome.completed(batch);
    }

    @Override
    default int maxInFlight() {
        return 1;
    }
}
