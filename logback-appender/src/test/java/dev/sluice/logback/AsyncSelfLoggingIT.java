package dev.sluice.logback;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.sluice.pipeline.PipelineStats;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.TestAmqpBroker;
import dev.sluice.testkit.sls.SlsReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind Logback's AsyncAppender, with every logger at DEBUG, the Sluice appender receives the client
 * libraries' lines about its own sending on the AsyncAppender's worker thread. They must never be
 * shipped (each shipped line would cause more requests and more lines), and the application's events
 * must all be shipped, whatever their thread is called.
 */
class AsyncSelfLoggingIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int EVENTS = 20;

    private SlsReceiver receiver;

    @AfterEach
    void restore() {
        DefaultLogback.restore();
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void slsBehindAsyncAppenderShipsExactlyTheApplicationsEvents() throws Exception {
        receiver = SlsReceiver.builder().port(0).key("AKID", "ak-secret", "sts-token").start();
        LoggerContext context = DefaultLogback.configure("/logback-async-sls.xml",
                Map.of("endpoint", receiver.endpoint(), "akSecret", "ak-secret", "token", "sts-token"));
        SluiceAppenderBase sluice = sluiceAppender(context);
        assertThat(sluice.isStarted()).as("statuses: %s", context.getStatusManager().getCopyOfStatusList()).isTrue();

        logFromAThreadNamedLikeSluice();
        receiver.awaitLogs("shop", "backend", EVENTS, WAIT);
        PipelineStats.Snapshot stats = stopAndCount(context, sluice);

        assertThat(stats.accepted()).isEqualTo(EVENTS);
        assertThat(receiver.logCount("shop", "backend")).isEqualTo(EVENTS);
        assertThat(receiver.logs("shop", "backend")).allSatisfy(log ->
                assertThat(log.fields().get("logger_name")).isEqualTo("com.shop.Orders"));
    }

    @Test
    void rabbitMqBehindAsyncAppenderShipsExactlyTheApplicationsEvents() throws Exception {
        AmqpEndpoint broker = TestAmqpBroker.get();
        String exchange = "sluice-async-self-" + UUID.randomUUID();
        try (AmqpCollector collector = AmqpCollector.bind(broker, exchange, "topic", true, "#")) {
            LoggerContext context = DefaultLogback.configure("/logback-async-rabbitmq.xml",
                    Map.of("uri", broker.uri(), "exchange", exchange));
            SluiceAppenderBase sluice = sluiceAppender(context);
            assertThat(sluice.isStarted()).isTrue();

            logFromAThreadNamedLikeSluice();
            collector.awaitCount(EVENTS, WAIT);
            PipelineStats.Snapshot stats = stopAndCount(context, sluice);

            assertThat(stats.accepted()).isEqualTo(EVENTS);
            assertThat(collector.receivedBeforeMarker(broker, WAIT)).hasSize(EVENTS);
        } finally {
            AmqpCollector.deleteExchange(broker, exchange);
        }
    }

    /** An application thread whose name starts with "sluice-" is still the application's. */
    private static void logFromAThreadNamedLikeSluice() throws InterruptedException {
        Logger log = LoggerFactory.getLogger("com.shop.Orders");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            for (int i = 0; i < EVENTS / 2; i++) {
                log.info("order {} from a worker", i);
            }
        }, "sluice-worker");
        worker.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        worker.start();
        for (int i = 0; i < EVENTS / 2; i++) {
            log.info("order {} from main", i);
        }
        worker.join();
        assertThat(failure.get()).isNull();
    }

    private static SluiceAppenderBase sluiceAppender(LoggerContext context) {
        AsyncAppender async = (AsyncAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ASYNC");
        return (SluiceAppenderBase) async.getAppender("SLUICE");
    }

    /** Stops the AsyncAppender (it flushes to Sluice), then Sluice (it drains): the counts are final. */
    private static PipelineStats.Snapshot stopAndCount(LoggerContext context, SluiceAppenderBase sluice) {
        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ASYNC").stop();
        sluice.stop();
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .noneMatch(s -> s.getLevel() == Status.ERROR && s.getOrigin() instanceof SluiceAppenderBase);
        return sluice.getStats();
    }
}
