package dev.sluice.log4j2;

import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.TestAmqpBroker;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A wrong password: connecting fails and is reported, but no secret reaches any status message or toString. */
class SecretsIT {
    private static final String PASSWORD = "hunter2-wrong-password";

    private StatusCapture status;
    private Log4j2Fixture log4j;

    @AfterEach
    void tearDown() {
        if (log4j != null) {
            log4j.close();
        }
        if (status != null) {
            status.unregister();
        }
    }

    @Test
    void noSecretInStatusMessagesConfigurationDumpOrToString() {
        AmqpEndpoint broker = TestAmqpBroker.get();
        status = StatusCapture.register(Level.TRACE);
        log4j = Log4j2Fixture.start("/log4j2-secrets.xml", Map.of(
                "sluice.it.addresses", broker.host() + ":" + broker.port(), "sluice.it.password", PASSWORD));
        SluiceRabbitMqAppender appender = log4j.appender("secret");
        assertThat(appender.isStarted()).isTrue();

        log4j.logger("app").info("cannot be delivered");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status.messages(Level.WARN))
                .anySatisfy(m -> assertThat(m).contains("refused the login")));
        String appenderText = appender.toString();
        log4j.context.stop();

        assertThat(status.messages(Level.DEBUG)).anySatisfy(m -> assertThat(m).contains("password=\"*****\""));
        String all = status.allText() + appenderText;
        assertThat(all).doesNotContain(PASSWORD).doesNotContain("hunter3-truststore").doesNotContain("hunter4-keystore");
        assertThat(appenderText).contains("secret");
    }
}
