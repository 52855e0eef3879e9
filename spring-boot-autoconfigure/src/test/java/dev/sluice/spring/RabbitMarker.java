package dev.sluice.spring;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.ReceivedMessage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Everything a collector will ever receive from a stopped publisher, without waiting for quiet: publish a
 * marker after the publisher finished (its batches were confirmed, so they are queued ahead of the marker)
 * and take what arrived before it.
 */
final class RabbitMarker {
    private static final String MARKER = "--sluice-test-marker--";

    private RabbitMarker() {
    }

    static List<String> allBodies(AmqpEndpoint broker, AmqpCollector collector) throws Exception {
        try (Connection connection = broker.connectionFactory().newConnection("sluice-test-marker");
             Channel channel = connection.createChannel()) {
            channel.basicPublish(collector.exchange(), "marker", null, MARKER.getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> collector.messages().stream()
                .anyMatch(m -> m.bodyAsString().equals(MARKER)));
        return collector.messages().stream().map(ReceivedMessage::bodyAsString)
                .takeWhile(body -> !body.equals(MARKER))
                .collect(Collectors.toList());
    }
}
