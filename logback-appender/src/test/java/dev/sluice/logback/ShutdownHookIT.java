package dev.sluice.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.ReceivedMessage;
import dev.sluice.testkit.TestAmqpBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logback's {@code <shutdownHook/>} drains Sluice when the JVM exits: an application in its own JVM
 * logs with a one-minute linger (nothing would be sent before exit) and returns from main; every
 * event arrives, exactly once.
 */
class ShutdownHookIT {
    private static final int EVENTS = 500;

    private AmqpEndpoint broker;
    private String exchange;
    private AmqpCollector collector;

    @BeforeEach
    void setUp() {
        broker = TestAmqpBroker.get();
        exchange = "sluice-shutdown-hook-" + UUID.randomUUID();
        collector = AmqpCollector.bind(broker, exchange, "topic", true, "#");
    }

    @AfterEach
    void tearDown() {
        collector.close();
        AmqpCollector.deleteExchange(broker, exchange);
    }

    @Test
    void theJvmsExitDrainsEveryQueuedEvent(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("logback.xml");
        Files.writeString(config, "<configuration>\n"
                + "  <shutdownHook/>\n"
                + "  <appender name=\"RABBIT\" class=\"dev.sluice.logback.RabbitMqAppender\">\n"
                + "    <uri>" + broker.uri() + "</uri>\n"
                + "    <exchange>" + exchange + "</exchange>\n"
                + "    <linger>1m</linger>\n"
                + "    <batchSize>100000</batchSize>\n"
                + "  </appender>\n"
                + "  <root level=\"INFO\"><appender-ref ref=\"RABBIT\"/></root>\n"
                + "</configuration>\n", StandardCharsets.UTF_8);
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process app = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + config, ShutdownHookApp.class.getName(), Integer.toString(EVENTS))
                .redirectErrorStream(true).redirectOutput(dir.resolve("app.log").toFile()).start();
        assertThat(app.waitFor(2, TimeUnit.MINUTES)).as("the application exits").isTrue();
        assertThat(app.exitValue()).as(Files.readString(dir.resolve("app.log"))).isZero();

        List<ReceivedMessage> received = collector.receivedBeforeMarker(broker, Duration.ofSeconds(30));
        assertThat(received).hasSize(EVENTS);
        assertThat(received.get(0).bodyAsString()).contains("exit event 0");
        assertThat(received.get(EVENTS - 1).bodyAsString()).contains("exit event " + (EVENTS - 1));
    }
}
