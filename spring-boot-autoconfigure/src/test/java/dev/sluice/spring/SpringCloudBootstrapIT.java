package dev.sluice.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.Backend;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.spring.app.DemoApplication;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.TestAmqpBroker;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Spring Cloud starts a bootstrap application (its environment carries a "bootstrap" property source and
 * usually no sluice.* at all) and re-initialises logging for it: the application's pipelines must survive.
 */
class SpringCloudBootstrapIT {
    private final AmqpEndpoint broker = TestAmqpBroker.get();
    private final String exchange = "sluice-bootstrap-" + UUID.randomUUID();
    private ConfigurableApplicationContext app;

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
        LogbackApps.shutdownLogging();
        AmqpCollector.deleteExchange(broker, exchange);
    }

    @Test
    void aBootstrapApplicationWithoutSluicePropertiesLeavesTheRunningPipelineAttached() {
        app = LogbackApps.run(DemoApplication.class, Map.of("sluice.rabbitmq.uri", broker.uri(),
                "sluice.rabbitmq.exchange", exchange));
        LogPipeline running = LogbackApps.pipeline(Backend.RABBITMQ);

        StandardEnvironment bootstrap = new StandardEnvironment();
        bootstrap.getPropertySources().addFirst(new MapPropertySource("bootstrap", Map.of("spring.application.name", "bootstrap")));
        LoggingSystem system = LoggingSystem.get(getClass().getClassLoader());
        system.cleanUp();
        system.initialize(new LoggingInitializationContext(bootstrap), null, null);
        new SluiceLoggingListener().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
                new DefaultBootstrapContext(), new SpringApplication(), new String[0], bootstrap));

        assertThat(running.isStopped()).isFalse();
        assertThat(LogbackApps.pipeline(Backend.RABBITMQ)).isSameAs(running);
        assertThat(LogbackApps.attached(Backend.RABBITMQ)).isEqualTo(1);
    }
}
