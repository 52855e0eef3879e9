package dev.sluice.log4j2;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** A broken SluiceRabbitMq: clear status errors naming each option, no appender, the rest of logging unaffected. */
class BadConfigurationIT {
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
    void eachBadOptionIsNamedTheAppenderIsLeftOutAndLoggingGoesOn() {
        status = StatusCapture.register(Level.DEBUG);
        assertThatCode(() -> log4j = Log4j2Fixture.start("/log4j2-bad-config.xml", Map.of()))
                .doesNotThrowAnyException();

        assertThat(status.messages(Level.ERROR))
                .anySatisfy(m -> assertThat(m).contains("'broken'").contains("option 'queueSize'").contains("abc"))
                .anySatisfy(m -> assertThat(m).contains("option 'overflow'").contains("sometimes"))
                .anySatisfy(m -> assertThat(m).contains("option 'linger'"))
                .anySatisfy(m -> assertThat(m).contains("option 'fields'").contains("levle"))
                .anySatisfy(m -> assertThat(m).contains("option 'uri'"))
                .anySatisfy(m -> assertThat(m).contains("'broken'").contains("not started"))
                // Log4j2's own follow-up: the AppenderRef points at nothing.
                .anySatisfy(m -> assertThat(m).containsIgnoringCase("unable to locate appender").contains("broken"));
        assertThat((Object) log4j.context.getConfiguration().getAppender("broken")).isNull();
        assertThat(Log4j2Fixture.liveThreads("sluice-broken")).isEmpty();

        Logger log = log4j.logger("app");
        assertThatCode(() -> log.info("still logging")).doesNotThrowAnyException();
        CaptureAppender capture = log4j.appender("capture");
        assertThat(capture.messages()).containsExactly("still logging");

        // Log4j2's own debug dump of the plugin's parameters masks sensitive attributes.
        assertThat(status.messages(Level.DEBUG)).anySatisfy(m -> assertThat(m).contains("password=\"*****\""));
        assertThat(status.allText()).doesNotContain("hunter2-secret");
    }
}
