package dev.sluice.log4j2;

import dev.sluice.pipeline.LogPipeline;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.ReceivedMessage;
import dev.sluice.testkit.TestAmqpBroker;
import org.apache.logging.log4j.core.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A thread logs 100,000 events while the configuration is reloaded twice: once unchanged (the
 * pipeline and its connection are kept) and once with a changed option (a new pipeline; the old
 * one is drained). Every event arrives exactly once, and no Sluice thread outlives the context.
 */
class ReconfigurationIT {
    private static final int EVENTS = 100_000;
    private static final Pattern SEQ = Pattern.compile("\"message\":\"seq (\\d+)\"");

    private AmqpEndpoint broker;
    private String exchange;
    private AmqpCollector collector;
    private Log4j2Fixture log4j;

    @BeforeEach
    void setUp() {
        broker = TestAmqpBroker.get();
        exchange = "sluice-log4j2-reconf-" + UUID.randomUUID();
        collector = AmqpCollector.bind(broker, exchange, "topic", true, "#");
    }

    @AfterEach
    void tearDown() {
        if (log4j != null) {
            log4j.close();
        }
        collector.close();
        AmqpCollector.deleteExchange(broker, exchange);
    }

    @Test
    void hundredThousandEventsAcrossTwoReloadsArriveExactlyOnceAndNoThreadIsLeft() throws Exception {
        log4j = Log4j2Fixture.start("/log4j2-reconfigure.xml", Map.of(
                "sluice.it.uri", broker.uri(), "sluice.it.exchange", exchange, "sluice.reconf.linger", "50ms"));
        SluiceRabbitMqAppender first = log4j.appender("reconf");
        assertThat(first.isStarted()).isTrue();
        LogPipeline firstPipeline = first.pipeline();

        Logger log = log4j.logger("bulk");
        AtomicInteger logged = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < EVENTS; i++) {
                    log.info("seq {}", i);
                    logged.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "reconf-producer");
        producer.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> logged.get() >= 20_000);
        log4j.context.reconfigure();
        SluiceRabbitMqAppender unchanged = log4j.appender("reconf");
        assertThat(unchanged).isNotSameAs(first);
        assertThat(unchanged.isStarted()).isTrue();
        assertThat(first.isStopped()).isTrue();
        assertThat(unchanged.pipeline()).as("unchanged appender keeps its pipeline").isSameAs(firstPipeline);
        assertThat(firstPipeline.isStopped()).isFalse();
        int atFirstReload = logged.get();

        await().atMost(Duration.ofSeconds(60)).until(() -> logged.get() >= Math.min(EVENTS, atFirstReload + 30_000));
        System.setProperty("sluice.reconf.linger", "20ms");
        log4j.context.reconfigure();
        SluiceRabbitMqAppender changed = log4j.appender("reconf");
        assertThat(changed.pipeline()).as("changed appender gets a new pipeline").isNotSameAs(firstPipeline);
        assertThat(firstPipeline.isStopped()).as("old pipeline drained and stopped with the old configuration").isTrue();
        LogPipeline secondPipeline = changed.pipeline();

        producer.join(Duration.ofMinutes(3).toMillis());
        assertThat(producer.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        log4j.context.stop();

        long sent = firstPipeline.stats().sent() + secondPipeline.stats().sent();
        long dropped = firstPipeline.stats().droppedTotal() + secondPipeline.stats().droppedTotal();
        assertThat(dropped).isZero();
        assertThat(sent).isEqualTo(EVENTS);

        collector.awaitCount(EVENTS, Duration.ofSeconds(120));
        collector.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(30));
        BitSet seen = new BitSet(EVENTS);
        int duplicates = 0;
        for (ReceivedMessage m : collector.messages()) {
            Matcher matcher = SEQ.matcher(m.bodyAsString());
            assertThat(matcher.find()).as(m.bodyAsString()).isTrue();
            int seq = Integer.parseInt(matcher.group(1));
            if (seen.get(seq)) {
                duplicates++;
            }
            seen.set(seq);
        }
        assertThat(duplicates).isZero();
        assertThat(seen.cardinality()).isEqualTo(EVENTS);
        assertThat(collector.count()).isEqualTo(EVENTS);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(Log4j2Fixture.liveThreads("sluice-reconf")).isEmpty());
    }
}
