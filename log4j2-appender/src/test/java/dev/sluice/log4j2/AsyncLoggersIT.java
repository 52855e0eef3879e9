package dev.sluice.log4j2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.ReceivedMessage;
import dev.sluice.testkit.TestAmqpBroker;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.async.AsyncLogger;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * All loggers asynchronous ({@code log4j2.contextSelector} = AsyncLoggerContextSelector, set for
 * this class only by its own failsafe execution): Log4j2 reuses its ring-buffer events, and
 * arguments and the ThreadContext change right after each call. Every event must still arrive
 * with the message, context data and caller of its own call.
 */
class AsyncLoggersIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 5_000;

    @Test
    void reusedRingBufferEventsArriveWithTheirOwnMessageContextAndCaller() throws Exception {
        AmqpEndpoint broker = TestAmqpBroker.get();
        String exchange = "sluice-log4j2-async-" + UUID.randomUUID();
        System.setProperty("sluice.it.uri", broker.uri());
        System.setProperty("sluice.it.exchange", exchange);
        try (AmqpCollector collector = AmqpCollector.bind(broker, exchange, "topic", true, "#")) {
            LoggerContext context = Configurator.initialize("async-it", AsyncLoggersIT.class.getClassLoader(),
                    Log4j2Fixture.resourceUri("/log4j2-async.xml"));
            assertThat(context).isInstanceOf(AsyncLoggerContext.class);
            org.apache.logging.log4j.core.Logger log = context.getLogger("async.app");
            assertThat(log).isInstanceOf(AsyncLogger.class);

            StringBuilder changing = new StringBuilder();
            for (int n = 0; n < EVENTS; n++) {
                changing.setLength(0);
                changing.append("sb").append(n);
                ThreadContext.put("n", Integer.toString(n));
                log.info("n={} sb={}", n, changing);
                changing.setLength(0);
                changing.append("MUTATED");
            }
            ThreadContext.clearAll();
            Configurator.shutdown(context);

            List<ReceivedMessage> messages = collector.awaitCount(EVENTS, Duration.ofSeconds(60));
            collector.awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(10));
            assertThat(collector.count()).isEqualTo(EVENTS);
            for (int n = 0; n < EVENTS; n++) {
                JsonNode m = JSON.readTree(messages.get(n).body());
                assertThat(m.get("message").asText()).isEqualTo("n=" + n + " sb=sb" + n);
                assertThat(m.get("n").asText()).isEqualTo(Integer.toString(n));
                assertThat(m.get("thread_name").asText()).isEqualTo(Thread.currentThread().getName());
                assertThat(m.get("caller_class_name").asText()).isEqualTo(AsyncLoggersIT.class.getName());
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertThat(Log4j2Fixture.liveThreads("sluice-async")).isEmpty());
        } finally {
            AmqpCollector.deleteExchange(broker, exchange);
        }
    }
}
