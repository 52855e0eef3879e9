package dev.sluice.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.pipeline.LogPipeline;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.FaultProxy;
import dev.sluice.testkit.ReceivedMessage;
import dev.sluice.testkit.TestAmqpBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code monitorInterval} reload of log4j2.xml (the file changes, the Sluice appender does not)
 * keeps the running pipeline and opens no new connection: the broker is reached through a proxy that
 * counts connections.
 */
class MonitorIntervalReloadIT {
    private AmqpEndpoint broker;
    private String exchange;
    private AmqpCollector collector;
    private FaultProxy proxy;
    private LoggerContext context;

    @BeforeEach
    void setUp() {
        broker = TestAmqpBroker.get();
        exchange = "sluice-monitor-" + UUID.randomUUID();
        collector = AmqpCollector.bind(broker, exchange, "topic", true, "#");
        proxy = FaultProxy.start(broker.host(), broker.port());
    }

    @AfterEach
    void tearDown() {
        if (context != null) {
            context.stop();
        }
        proxy.close();
        collector.close();
        AmqpCollector.deleteExchange(broker, exchange);
    }

    private String config(String extraLogger) {
        return "<Configuration status=\"warn\" monitorInterval=\"1\">\n"
                + "  <Appenders>\n"
                + "    <SluiceRabbitMq name=\"watched\" uri=\"amqp://" + broker.username() + ":" + broker.password()
                + "@127.0.0.1:" + proxy.port() + "\" exchange=\"" + exchange + "\" linger=\"10ms\"/>\n"
                + "  </Appenders>\n"
                + "  <Loggers>\n" + extraLogger
                + "    <Root level=\"info\"><AppenderRef ref=\"watched\"/></Root>\n"
                + "  </Loggers>\n"
                + "</Configuration>\n";
    }

    @Test
    void aFileWatchReloadKeepsThePipelineAndItsConnection(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log4j2.xml");
        Files.writeString(file, config(""), StandardCharsets.UTF_8);
        context = new LoggerContext("monitor-" + UUID.randomUUID(), null, file.toUri());
        context.start();
        context.getLogger("app").info("before the reload");
        collector.awaitCount(1, Duration.ofSeconds(30));
        SluiceRabbitMqAppender before = (SluiceRabbitMqAppender) context.getConfiguration().getAppender("watched");
        LogPipeline pipeline = before.pipeline();
        assertThat(proxy.acceptedCount()).isEqualTo(1);

        Configuration old = context.getConfiguration();
        Files.writeString(file, config("    <Logger name=\"noisy\" level=\"warn\"/>\n"), StandardCharsets.UTF_8);
        // The watcher compares modification times; make the change visible whatever the file system's resolution.
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        await().atMost(Duration.ofSeconds(60)).until(() -> context.getConfiguration() != old);

        SluiceRabbitMqAppender after = (SluiceRabbitMqAppender) context.getConfiguration().getAppender("watched");
        assertThat(after).isNotSameAs(before);
        assertThat(after.pipeline()).isSameAs(pipeline);
        assertThat(pipeline.isStopped()).isFalse();
        context.getLogger("app").info("after the reload");
        context.stop();
        context = null;

        List<ReceivedMessage> received = collector.receivedBeforeMarker(broker, Duration.ofSeconds(30));
        assertThat(received).extracting(ReceivedMessage::bodyAsString)
                .satisfiesExactly(m -> assertThat(m).contains("before the reload"),
                        m -> assertThat(m).contains("after the reload"));
        assertThat(proxy.acceptedCount()).as("connections the broker saw").isEqualTo(1);
    }
}
