package dev.sluice.pipeline;

/** Why an accepted or offered event was not delivered without a send attempt. */
public enum DropReason {
    /**
     * The queue was at {@code queueSize} or {@code maxQueueBytes} (for an event below {@code
     * overflowReserveLevel}: at those less the {@code overflowReserve}).
     */
    QUEUE_FULL("queue full"),
    /** The event alone is larger than {@code maxQueueBytes} (below {@code overflowReserveLevel}: less the reserve). */
    TOO_LARGE("too large"),
    /** Composing or encoding the event failed. */
    ENCODE_ERROR("encode error"),
    /**
     * The backend or its client library refuses this event alone, on every attempt (an AMQP
     * header or routing key over the protocol's limits; an SLS log larger than the server, or a
     * proxy in front of it, accepts). The rest of its batch is delivered.
     */
    REJECTED("rejected by backend"),
    /** Held by the sender when an unexpected error (a bug, an exhausted heap) interrupted its work. */
    INTERNAL_ERROR("internal error"),
    /** Still queued when the appender stopped and {@code closeTimeout} ran out, or logged after stop. */
    SHUTDOWN("shutdown");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
