package dev.sluice.spring;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.logging.logback.LogbackLoggingSystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What the integration relies on in Spring Boot's own code, so that a Boot upgrade that changes it fails here
 * rather than silently losing appenders: Boot re-initialises Logback through {@code stopAndReset} (which tells a
 * re-initialisation's {@code stop()} from the final one), and our listener runs right after Boot's.
 */
class BootLogbackInternalsTest {
    @Test
    void bootReinitialisesLogbackThroughStopAndReset() {
        assertThatCode(() -> LogbackLoggingSystem.class.getDeclaredMethod("stopAndReset", LoggerContext.class))
                .doesNotThrowAnyException();
    }

    @Test
    void theListenerRunsRightAfterBootsLoggingListener() {
        assertThat(new SluiceLoggingListener().getOrder()).isEqualTo(LoggingApplicationListener.DEFAULT_ORDER + 1);
        assertThat(new LoggingApplicationListener().getOrder()).isEqualTo(LoggingApplicationListener.DEFAULT_ORDER);
    }
}
