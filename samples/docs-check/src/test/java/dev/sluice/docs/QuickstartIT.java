package dev.sluice.docs;

import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.OptionCatalogue;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.ReceivedMessage;
import dev.sluice.testkit.TestAmqpBroker;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs each file of samples/quickstart as a user who copied it would: the framework loads it, the
 * application logs one line, logging stops, and the line is on the {@code logs} exchange as the
 * README says (JSON with the identity fields, routing key {@code backend.INFO}), with no error
 * reported anywhere.
 *
 * <p>The files read the broker from {@code RABBITMQ_URI} and default to the local RabbitMQ with its
 * guest account. When the test broker is that RabbitMQ the files run exactly as written; otherwise
 * (the embedded broker) the test sets {@code RABBITMQ_URI} the way each framework reads it.
 */
class QuickstartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXCHANGE = OptionCatalogue.EXCHANGE.defaultValue();

    private AmqpEndpoint broker;
    private AmqpCollector logs;
    private final String line = "order 1001 placed " + UUID.randomUUID();

    @BeforeEach
    void bindToTheLogsExchange() {
        broker = TestAmqpBroker.get();
        logs = AmqpCollector.bind(broker, EXCHANGE, OptionCatalogue.EXCHANGE_TYPE.defaultValue(),
                Boolean.parseBoolean(OptionCatalogue.DURABLE.defaultValue()), "#");
    }

    @AfterEach
    void close() {
        logs.close();
    }

    /** RABBITMQ_URI for the files, unless their default (the local RabbitMQ) is the test broker. */
    private Map<String, String> brokerVariable() {
        boolean localDefault = !broker.isEmbedded() && broker.port() == 5672
                && (broker.host().equals("127.0.0.1") || broker.host().equals("localhost"));
        return localDefault ? Map.of() : Map.of("RABBITMQ_URI", broker.uri());
    }

    @Test
    void logbackXml() {
        String xml = RepoFiles.read(RepoFiles.resolve("samples/quickstart/logback.xml"));
        List<Status> errors;
        try (LogbackLoader.Loaded loaded = LogbackLoader.load(xml, brokerVariable())) {
            assertThat(loaded.report.failures()).isEmpty();
            loaded.context.getLogger("com.shop.Orders").info(line);
            loaded.close(); // drains, as the shutdown hook would
            errors = loaded.context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(s -> s.getLevel() >= Status.WARN).collect(Collectors.toList());
        }
        assertThat(errors).as("warnings and errors, from any thread").isEmpty();
        assertShipped();
    }

    @Test
    void log4j2Xml() {
        String xml = RepoFiles.read(RepoFiles.resolve("samples/quickstart/log4j2.xml"));
        Log4j2Loader.initialise();
        Log4j2Warnings warnings = new Log4j2Warnings();
        StatusLogger.getLogger().registerListener(warnings);
        try (Log4j2Loader.Loaded loaded = Log4j2Loader.load(xml, brokerVariable())) {
            assertThat(loaded.report.failures()).isEmpty();
            loaded.context.getLogger("com.shop.Orders").info(line);
            loaded.close();
        } finally {
            StatusLogger.getLogger().removeListener(warnings);
        }
        assertThat(warnings.messages).as("warnings and errors, from any thread").isEmpty();
        assertShipped();
    }

    @Test
    void applicationYml() {
        String yaml = RepoFiles.read(RepoFiles.resolve("samples/quickstart/application.yml"));
        LogbackStatusRecorder sluiceErrors = new LogbackStatusRecorder(null, LogbackStatusRecorder::fromSluice);
        BootLoader.logback().getStatusManager().add(sluiceErrors);
        try (BootLoader.Loaded loaded = BootLoader.start(yaml, ".yml", brokerVariable(), Map.of())) {
            assertThat(loaded.report.failures()).isEmpty();
            LoggerFactory.getLogger("com.shop.Orders").info(line);
        } finally {
            BootLoader.logback().getStatusManager().remove(sluiceErrors);
        }
        assertThat(sluiceErrors.stop()).as("Sluice's warnings and errors, from any thread").isEmpty();
        assertShipped();
    }

    /** The line arrived once, as README's quickstart describes it. */
    private void assertShipped() {
        List<ReceivedMessage> mine = logs.receivedBeforeMarker(broker, Duration.ofSeconds(30)).stream()
                .filter(m -> m.bodyAsString().contains(line)).collect(Collectors.toList());
        assertThat(mine).hasSize(1);
        ReceivedMessage m = mine.get(0);
        JsonNode event = tree(m.bodyAsString());
        assertThat(event.path("message").asText()).isEqualTo(line);
        assertThat(event.path("logger_name").asText()).isEqualTo("com.shop.Orders");
        assertThat(event.path("level").asText()).isEqualTo("INFO");
        assertThat(event.path("project").asText()).isEqualTo("shop");
        assertThat(event.path("application").asText()).isEqualTo("backend");
        assertThat(event.has("@timestamp")).isTrue();
        assertThat(m.routingKey()).isEqualTo("backend.INFO");
        assertThat(m.properties().getContentType()).isEqualTo("application/json");
        assertThat(m.properties().getAppId()).isEqualTo("backend");
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Log4j2 status warnings and errors from every thread (the sender's included). */
    private static final class Log4j2Warnings implements StatusListener {
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void log(StatusData data) {
            if (data.getLevel().isMoreSpecificThan(Level.WARN)) {
                messages.add(data.getThreadName() + ": " + data.getMessage().getFormattedMessage());
            }
        }

        @Override
        public Level getStatusLevel() {
            return Level.WARN;
        }

        @Override
        public void close() {
        }
    }
}
