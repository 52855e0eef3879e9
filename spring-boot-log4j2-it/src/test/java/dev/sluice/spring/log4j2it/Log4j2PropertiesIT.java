package dev.sluice.spring.log4j2it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.Backend;
import dev.sluice.log4j2.SluiceRabbitMqAppender;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.spring.PipelineRegistry;
import dev.sluice.spring.log4j2.Log4j2Registries;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.ReceivedMessage;
import dev.sluice.testkit.TestAmqpBroker;
import dev.sluice.testkit.sls.ReceivedLog;
import dev.sluice.testkit.sls.SlsReceiver;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.log4j2.Log4J2LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Real Spring Boot applications under spring-boot-starter-log4j2, configured by sluice.* properties only. */
class Log4j2PropertiesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "sls-Secret-never-shown";

    private AmqpEndpoint broker;
    private String exchange;
    private AmqpCollector collector;
    private SlsReceiver sls;
    private ConfigurableApplicationContext app;

    @BeforeEach
    void setUp() {
        broker = TestAmqpBroker.get();
        exchange = "sluice-spring-log4j2-" + UUID.randomUUID();
        collector = AmqpCollector.bind(broker, exchange, "topic", true, "#");
        sls = SlsReceiver.builder().port(0).key("AKID", SECRET).start();
    }

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
        shutdownLogging();
        collector.close();
        AmqpCollector.deleteExchange(broker, exchange);
        sls.close();
    }

    private static ConfigurableApplicationContext run(Map<String, Object> properties) {
        SpringApplication application = new SpringApplication(Log4j2DemoApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setMainApplicationClass(Log4j2DemoApplication.class);
        application.setRegisterShutdownHook(false);
        application.setDefaultProperties(properties);
        return application.run();
    }

    /** What Boot's shutdown hook does after closing the contexts: Log4J2LoggingSystem's handler stops the LoggerContext. */
    private static void shutdownLogging() {
        LoggingSystem.get(Log4j2PropertiesIT.class.getClassLoader()).getShutdownHandler().run();
    }

    private void stopAll() {
        app.close();
        app = null;
        shutdownLogging();
    }

    private static PipelineRegistry registry() {
        return Log4j2Registries.current();
    }

    private Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.application.name", "inventory");
        p.put("sluice.rabbitmq.uri", broker.uri());
        p.put("sluice.rabbitmq.exchange", exchange);
        p.put("sluice.linger", "20ms");
        p.put("sluice.sls.endpoint", sls.endpoint());
        p.put("sluice.sls.project", "shop");
        p.put("sluice.sls.logstore", "inventory");
        p.put("sluice.sls.access-key-id", "AKID");
        p.put("sluice.sls.access-key-secret", SECRET);
        return p;
    }

    /** Everything the collector will receive: what arrived before a marker published after the pipelines drained. */
    private List<String> rabbitMessages() throws Exception {
        List<String> messages = new ArrayList<>();
        for (ReceivedMessage m : collector.receivedBeforeMarker(broker, Duration.ofSeconds(30))) {
            messages.add(JSON.readTree(m.body()).path("message").asText());
        }
        return messages;
    }

    private List<String> slsMessages() {
        return sls.logs("shop", "inventory").stream().map(ReceivedLog::fields).map(f -> f.get("message"))
                .collect(Collectors.toList());
    }

    private static long count(List<String> messages, String prefix) {
        return messages.stream().filter(m -> m != null && m.startsWith(prefix)).count();
    }

    @Test
    void bootRunsLog4j2() {
        assertThat(LoggingSystem.get(getClass().getClassLoader())).isInstanceOf(Log4J2LoggingSystem.class);
    }

    @Test
    void propertiesAloneShipStartupApplicationAndPreDestroyLinesExactlyOnce() throws Exception {
        app = run(properties());
        assertThat(registry().target().attachedCount(Backend.RABBITMQ)).isEqualTo(1);
        assertThat(registry().target().attachedCount(Backend.SLS)).isEqualTo(1);
        stopAll();

        for (List<String> messages : List.of(rabbitMessages(), slsMessages())) {
            assertThat(count(messages, "Starting Log4j2DemoApplication")).isEqualTo(1);
            assertThat(count(messages, Log4j2DemoApplication.APP_LINE)).isEqualTo(1);
            assertThat(count(messages, Log4j2DemoApplication.PRE_DESTROY_LINE)).isEqualTo(1);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("sluice-"));
    }

    @Test
    void reconfigurationAndBootReinitialisationKeepOneAppenderAndThePipeline() throws Exception {
        app = run(properties());
        LogPipeline before = registry().pipelines().get(Backend.RABBITMQ);

        ((LoggerContext) LogManager.getContext(false)).reconfigure();
        assertThat(registry().target().attachedCount(Backend.RABBITMQ)).isEqualTo(1);
        LogManager.getLogger("after.reconfigure").info("logged after reconfigure");

        LoggingSystem system = LoggingSystem.get(getClass().getClassLoader());
        system.cleanUp();
        system.initialize(new LoggingInitializationContext(app.getEnvironment()), null, null);
        assertThat(registry().target().attachedCount(Backend.RABBITMQ)).isEqualTo(1);
        assertThat(registry().pipelines().get(Backend.RABBITMQ)).isSameAs(before);
        LogManager.getLogger("after.reinit").info("logged after re-initialisation");
        stopAll();

        List<String> messages = rabbitMessages();
        assertThat(count(messages, "logged after reconfigure")).isEqualTo(1);
        assertThat(count(messages, "logged after re-initialisation")).isEqualTo(1);
        assertThat(count(messages, Log4j2DemoApplication.APP_LINE)).isEqualTo(1);
        assertThat(before.isStopped()).isTrue();
    }

    @Test
    void anAppenderDeclaredInLog4j2SpringXmlWins() throws Exception {
        Map<String, Object> p = properties();
        p.remove("sluice.sls.endpoint");
        p.put("logging.config", "classpath:log4j2-declared.xml");
        System.setProperty("test.amqp-uri", broker.uri());
        System.setProperty("test.exchange", exchange);
        try {
            app = run(p);
        } finally {
            System.clearProperty("test.amqp-uri");
            System.clearProperty("test.exchange");
        }
        assertThat(registry().target().attachedCount(Backend.RABBITMQ)).isZero();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        assertThat(context.getConfiguration().getAppenders().values())
                .filteredOn(a -> a instanceof SluiceRabbitMqAppender).hasSize(1);
        stopAll();

        assertThat(count(rabbitMessages(), Log4j2DemoApplication.APP_LINE)).isEqualTo(1);
    }

    @Test
    void disabledAttachesNothingAndAMinimumLevelPerBackend() throws Exception {
        Map<String, Object> disabled = properties();
        disabled.put("sluice.enabled", "false");
        app = run(disabled);
        assertThat(registry().target().attachedCount(Backend.RABBITMQ)).isZero();
        assertThat(registry().target().attachedCount(Backend.SLS)).isZero();
        app.close();

        Map<String, Object> p = properties();
        p.put("sluice.sls.level", "warn");
        app = run(p);
        LogManager.getLogger("levels").warn("a warning for both");
        LogManager.getLogger("levels").info("info for rabbitmq only");
        stopAll();
        assertThat(slsMessages()).containsExactly("a warning for both");
        assertThat(rabbitMessages()).contains("a warning for both", "info for rabbitmq only");
    }

    @Test
    void aBadValueIsReportedOnTheStatusLoggerNamingThePropertyAndTheApplicationStarts() {
        List<String> statuses = new CopyOnWriteArrayList<>();
        StatusListener listener = new StatusListener() {
            @Override
            public void log(StatusData data) {
                statuses.add(data.getMessage().getFormattedMessage());
            }

            @Override
            public Level getStatusLevel() {
                return Level.ERROR;
            }

            @Override
            public void close() {
            }
        };
        StatusLogger.getLogger().registerListener(listener);
        try {
            Map<String, Object> p = properties();
            p.put("sluice.rabbitmq.queue-size", "lots");
            app = run(p);
        } finally {
            StatusLogger.getLogger().removeListener(listener);
        }
        assertThat(statuses).anyMatch(m -> m.contains("sluice.rabbitmq.queue-size") && m.contains("whole number"));
        assertThat(statuses).noneMatch(m -> m.contains(SECRET));
        assertThat(registry().target().attachedCount(Backend.RABBITMQ)).isZero();
        assertThat(registry().target().attachedCount(Backend.SLS)).isEqualTo(1);
    }
}
