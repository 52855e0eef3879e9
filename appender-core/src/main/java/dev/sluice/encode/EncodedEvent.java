package dev.sluice.encode;

/** One encoded event as it waits in a batch: the bytes plus what a transport needs besides them. */
public final class EncodedEvent {
    private final byte[] body;
    private final long epochMilli;
    private final String level;
    private final String loggerName;
    private final String key;

    /** @param key transport-specific routing information (the AMQP routing key), may be null */
    public EncodedEvent(byte[] body, long epochMilli, String level, String loggerName, String key) {
        this.body = body;
        this.epochMilli = epochMilli;
        this.level = level;
        this.loggerName = loggerName;
        this.key = key;
    }

    public byte[] body() {
        return body;
    }

    public long epochMilli() {
        return epochMilli;
    }

    public String level() {
        return level;
    }

    public String loggerName() {
        return loggerName;
    }

    public String key() {
        return key;
    }
}
