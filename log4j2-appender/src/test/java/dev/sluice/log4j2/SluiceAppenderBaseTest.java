package dev.sluice.log4j2;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AppenderLoggingException;
import org.apache.logging.log4j.core.config.NullConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The appender's contract without a broker: ignoreExceptions, secrets, lifecycle, option plumbing. */
class SluiceAppenderBaseTest {
    private final List<SluiceRabbitMqAppender> built = new ArrayList<>();

    @AfterEach
    void stopAll() {
        built.forEach(a -> a.stop(5, TimeUnit.SECONDS));
    }

    /** Points at a port where nothing listens: events stay queued, nothing is sent. */
    private SluiceRabbitMqAppender appender(String name, boolean ignoreExceptions, String queueSize) {
        SluiceRabbitMqAppender a = SluiceRabbitMqAppender.newBuilder().setName(name)
                .setConfiguration(new NullConfiguration()).setIgnoreExceptions(ignoreExceptions)
                .setUri("amqp://user:pa55-secret@127.0.0.1:1").setQueueSize(queueSize).setCloseTimeout("200ms")
                .build();
        assertThat(a).isNotNull();
        a.start();
        built.add(a);
        return a;
    }

    private static LogEvent event(String text) {
        return Log4jLogEvent.newBuilder().setLoggerName("app").setLevel(Level.INFO)
                .setMessage(new SimpleMessage(text)).build();
    }

    @Test
    void aFullQueueNeverThrowsEvenWithIgnoreExceptionsFalse() {
        SluiceRabbitMqAppender a = appender("full-queue", false, "16");
        assertThatCode(() -> {
            for (int i = 0; i < 1000; i++) {
                a.append(event("e" + i));
            }
        }).doesNotThrowAnyException();
        assertThat(a.getStats().droppedTotal()).isPositive();
    }

    @Test
    void aStoppedPipelineThrowsOnlyWhenExceptionsAreNotIgnored() {
        SluiceRabbitMqAppender strict = appender("strict", false, "1024");
        strict.pipeline().stop();
        assertThatThrownBy(() -> strict.append(event("lost"))).isInstanceOf(AppenderLoggingException.class)
                .hasMessageContaining("'strict'");

        SluiceRabbitMqAppender lenient = appender("lenient", true, "1024");
        lenient.pipeline().stop();
        assertThatCode(() -> lenient.append(event("lost"))).doesNotThrowAnyException();
        assertThat(lenient.getStats().droppedTotal()).isEqualTo(1);
    }

    @Test
    void toStringNamesTheAppenderButNoOption() {
        SluiceRabbitMqAppender a = appender("shown", true, "1024");
        assertThat(a.toString()).contains("shown").doesNotContain("pa55-secret").doesNotContain("127.0.0.1");
    }

    @Test
    void sameNameAndOptionsShareOnePipelineUntilTheLastAppenderStops() {
        SluiceRabbitMqAppender first = appender("shared", true, "1024");
        SluiceRabbitMqAppender second = appender("shared", true, "1024");
        SluiceRabbitMqAppender changed = appender("shared", true, "2048");
        assertThat(second.pipeline()).isSameAs(first.pipeline());
        assertThat(changed.pipeline()).isNotSameAs(first.pipeline());

        first.stop(5, TimeUnit.SECONDS);
        first.stop(5, TimeUnit.SECONDS); // a second stop must not release the shared manager again
        assertThat(second.pipeline().isStopped()).isFalse();
        second.stop(5, TimeUnit.SECONDS);
        assertThat(second.pipeline().isStopped()).isTrue();
        assertThat(changed.pipeline().isStopped()).isFalse();
    }

    @Test
    void identityAttributeNestedElementsAndCodeAreMerged() {
        SluiceRabbitMqAppender.Builder b = SluiceRabbitMqAppender.newBuilder().setName("ids").setIdentity("project=shop")
                .addIdentity("application=backend").setOption("identity", "team=payments");
        assertThat(b.options().get("identity")).isEqualTo("project=shop,application=backend,team=payments");
        assertThat(b.options().names()).containsOnly("identity");
    }
}
