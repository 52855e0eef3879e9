package dev.sluice.logback;

import ch.qos.logback.classic.Logger;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.EmbeddedAmqpBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The appender against the in-process broker, whatever broker the other tests chose, so both paths stay tested. */
class EmbeddedBrokerIT {

    @Test
    void shipsEveryEventToTheEmbeddedBrokerAndDrainsOnStop() {
        try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start();
             AmqpCollector collector = AmqpCollector.bind(broker.endpoint(), "embedded-logs", "topic", true, "#")) {
            LogbackFixture logback = LogbackFixture.configure("/logback-rabbitmq.xml",
                    Map.of("AMQP_URI", broker.uri(), "EXCHANGE", "embedded-logs"));
            Logger log = logback.context.getLogger("embedded");
            int n = 10_000;
            for (int i = 0; i < n; i++) {
                log.info("event {}", i);
            }
            RabbitMqAppender appender = logback.rabbitAppender("RABBIT");
            logback.close();

            assertThat(appender.getStats().sent()).isEqualTo(n);
            collector.awaitCount(n, Duration.ofSeconds(60));
            collector.awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(10));
            Set<String> bodies = new HashSet<>();
            collector.messages().forEach(m -> bodies.add(m.bodyAsString().replaceAll("(?s).*\"message\":\"(event \\d+)\".*", "$1")));
            assertThat(collector.count()).isEqualTo(n);
            assertThat(bodies).hasSize(n);
            assertThat(collector.messages().get(0).routingKey()).isEqualTo("backend.INFO");
        }
    }
}
