package dev.sluice.testkit;

import com.rabbitmq.client.AMQP;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One message as delivered to an {@link AmqpCollector}. Immutable apart from the properties object. */
public final class ReceivedMessage {

    private final byte[] body;
    private final String exchange;
    private final String routingKey;
    private final AMQP.BasicProperties properties;
    private final boolean redelivered;

    public ReceivedMessage(byte[] body, String exchange, String routingKey,
                           AMQP.BasicProperties properties, boolean redelivered) {
        // No defensive copy here: the client hands over a fresh array per delivery, and collectors hold many.
        this.body = Objects.requireNonNull(body, "body");
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.properties = properties;
        this.redelivered = redelivered;
    }

    /** A copy of the body bytes. */
    public byte[] body() {
        return body.clone();
    }

    public int bodySize() {
        return body.length;
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String exchange() {
        return exchange;
    }

    public String routingKey() {
        return routingKey;
    }

    public AMQP.BasicProperties properties() {
        return properties;
    }

    public boolean redelivered() {
        return redelivered;
    }

    @Override
    public String toString() {
        return "ReceivedMessage{exchange=" + exchange + ", routingKey=" + routingKey
                + ", bodySize=" + body.length + ", redelivered=" + redelivered + "}";
    }
}
