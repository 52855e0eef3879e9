package dev.sluice.transport.rabbitmq;

import dev.sluice.encode.EncodedEvent;

/** An encoded event with what only AMQP needs besides its body: the routing key and the {@code logger} header. */
public final class AmqpMessage extends EncodedEvent {
    private final String routingKey;
    private final String loggerName;

    public AmqpMessage(byte[] body, long epochMilli, String level, String loggerName, String routingKey) {
        super(body, epochMilli, level);
        this.routingKey = routingKey;
        this.loggerName = loggerName;
    }

    public String routingKey() {
        return routingKey;
    }

    /** Cut to {@link RabbitMqTransport#MAX_LOGGER_HEADER_CHARS}, so that the content header always fits a frame. */
    public String loggerName() {
        return loggerName;
    }
}
