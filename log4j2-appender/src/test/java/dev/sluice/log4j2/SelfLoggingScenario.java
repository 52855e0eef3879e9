package dev.sluice.log4j2;

import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.FaultProxy;
import dev.sluice.testkit.ReceivedMessage;
import dev.sluice.testkit.TestAmqpBroker;
import dev.sluice.testkit.sls.SlsReceiver;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.DefaultConfiguration;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both Sluice appenders in the JVM's default context (where httpclient5 and amqp-client log, through
 * log4j-slf4j2-impl) with every logger at DEBUG, appended on another thread than the one that logged:
 * each must ship exactly the application's events, none of the client libraries' lines about
 * Sluice's own sending, and the events of an application thread called "sluice-worker". Halfway, the
 * RabbitMQ connection is cut (through a FaultProxy): amqp-client reports it and recovers on the
 * threads it got from Sluice and renamed ("AMQP Connection host:port").
 */
final class SelfLoggingScenario implements AutoCloseable {
    static final int EVENTS = 20;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final SlsReceiver receiver = SlsReceiver.builder().port(0).key("AKID", "ak-secret", "sts-token").start();
    private final AmqpEndpoint broker = TestAmqpBroker.get();
    private final String exchange = "sluice-log4j2-self-" + UUID.randomUUID();
    private final FaultProxy proxy = FaultProxy.start(broker.host(), broker.port());
    private final AmqpCollector collector;
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

    SelfLoggingScenario() {
        System.setProperty("sluice.it.endpoint", receiver.endpoint());
        System.setProperty("sluice.it.uri", "amqp://" + broker.username() + ":" + broker.password() + "@"
                + proxy.host() + ":" + proxy.port());
        System.setProperty("sluice.it.exchange", exchange);
        collector = AmqpCollector.bind(broker, exchange, "topic", true, "#");
    }

    LoggerContext context() {
        return context;
    }

    void run(String configuration) throws InterruptedException {
        context.setConfigLocation(Log4j2Fixture.resourceUri(configuration));
        SluiceSlsAppender sls = context.getConfiguration().getAppender("sls");
        SluiceRabbitMqAppender rabbit = context.getConfiguration().getAppender("rabbit");
        assertThat(sls.isStarted()).isTrue();
        assertThat(rabbit.isStarted()).isTrue();

        Logger log = context.getLogger("com.shop.Orders");
        logFromMainAndFromAThreadNamedLikeSluice(log);
        receiver.awaitLogs("shop", "backend", EVENTS / 2, WAIT);
        collector.awaitCount(EVENTS / 2, WAIT);
        proxy.dropConnections();
        await().atMost(WAIT).until(() -> proxy.acceptedCount() >= 2 && proxy.connectionCount() == 1);
        logFromMainAndFromAThreadNamedLikeSluice(log);
        receiver.awaitLogs("shop", "backend", EVENTS, WAIT);
        collector.awaitCount(EVENTS, WAIT);
        // Stops the configuration: the async stage flushes, then each appender drains; the counts are final.
        context.setConfiguration(new DefaultConfiguration());

        assertThat(sls.getStats().accepted()).as("SLS accepted").isEqualTo(EVENTS);
        assertThat(rabbit.getStats().accepted()).as("RabbitMQ accepted").isEqualTo(EVENTS);
        assertThat(receiver.logs("shop", "backend")).hasSize(EVENTS).allSatisfy(shipped ->
                assertThat(shipped.fields().get("logger_name")).isEqualTo("com.shop.Orders"));
        // At least once: a confirm lost with the cut connection means a republish, so distinct bodies are counted.
        List<ReceivedMessage> received = collector.receivedBeforeMarker(broker, WAIT);
        assertThat(received).allSatisfy(m -> assertThat(m.routingKey()).startsWith("com.shop.Orders."));
        assertThat(received.stream().map(ReceivedMessage::bodyAsString).distinct().count()).isEqualTo(EVENTS);
    }

    private static void logFromMainAndFromAThreadNamedLikeSluice(Logger log) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            for (int i = 0; i < EVENTS / 4; i++) {
                log.info("order {} from a worker", i);
            }
        }, "sluice-worker");
        worker.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        worker.start();
        for (int i = 0; i < EVENTS / 4; i++) {
            log.info("order {} from main", i);
        }
        worker.join();
        assertThat(failure.get()).isNull();
    }

    @Override
    public void close() {
        context.setConfiguration(new DefaultConfiguration());
        collector.close();
        proxy.close();
        AmqpCollector.deleteExchange(broker, exchange);
        receiver.close();
    }
}
