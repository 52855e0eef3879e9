package dev.sluice.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the class comment of {@link EmbeddedAmqpBroker} promises: with {@code org.apache.qpid} at WARN, a root-logger
 * appender at INFO sees nothing from the broker through start-up, traffic and shutdown.
 */
class BrokerLoggingTest {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger qpid = (Logger) LoggerFactory.getLogger(EmbeddedAmqpBroker.LOGGER_PREFIX);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level rootLevel;
    private Level qpidLevel;

    @BeforeEach
    void attachRootAppender() {
        rootLevel = root.getLevel();
        qpidLevel = qpid.getLevel();
        root.setLevel(Level.INFO);
        qpid.setLevel(Level.WARN);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void detachRootAppender() {
        root.detachAppender(appender);
        appender.stop();
        root.setLevel(rootLevel);
        qpid.setLevel(qpidLevel);
    }

    @Test
    void brokerIsSilentAtInfoWhenQpidLoggerIsAtWarn() throws Exception {
        try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start();
             AmqpCollector collector = AmqpCollector.bind(broker.endpoint(), "logs", "topic", true, "#");
             Connection connection = broker.endpoint().connectionFactory().newConnection()) {
            Channel channel = connection.createChannel();
            channel.confirmSelect();
            for (int i = 0; i < 10; i++) {
                channel.basicPublish("logs", "app.info", null, ("line " + i).getBytes(UTF_8));
            }
            channel.waitForConfirmsOrDie(5_000);
            collector.awaitCount(10, Duration.ofSeconds(5));
        }

        List<String> brokerEvents = appender.list.stream()
                .filter(e -> e.getLoggerName().startsWith(EmbeddedAmqpBroker.LOGGER_PREFIX)
                        || e.getLoggerName().startsWith("qpid."))
                .map(e -> e.getLoggerName() + " " + e.getLevel() + " " + e.getFormattedMessage())
                .collect(Collectors.toList());
        assertThat(brokerEvents).isEmpty();
    }
}
