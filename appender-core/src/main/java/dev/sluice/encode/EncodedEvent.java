package dev.sluice.encode;

/**
 * One encoded event as it waits in a batch: its bytes, plus the time and level every transport may
 * use. A transport that needs more per event (RabbitMQ's routing key) subclasses it in its encoder.
 */
public class EncodedEvent {
    private final byte[] body;
    private final long epochMilli;
    private final String level;

    public EncodedEvent(byte[] body, long epochMilli, String level) {
        this.body = body;
        this.epochMilli = epochMilli;
        this.level = level;
    }

    public final byte[] body() {
        return body;
    }

    public final long epochMilli() {
        return epochMilli;
    }

    public final String level() {
        return level;
    }
}
