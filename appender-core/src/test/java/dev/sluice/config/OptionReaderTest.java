package dev.sluice.config;

import dev.sluice.pipeline.Overflow;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class OptionReaderTest {

    private static OptionReader reader(String... nameValue) {
        Options o = new Options();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            o.set(nameValue[i], nameValue[i + 1]);
        }
        return new OptionReader(o);
    }

    @Test
    void integerOutOfRangeIsAnErrorNamingTheOptionAndFallsBackToTheDefault() {
        OptionReader r = reader("queueSize", "0");
        assertThat(r.integer("queueSize", 100, 1, 1000)).isEqualTo(100);
        assertThat(r.errors()).singleElement().asString()
                .contains("'queueSize'").contains("between 1 and 1000").contains("0");
    }

    @Test
    void integerThatIsNotANumberIsAnErrorQuotingTheValue() {
        OptionReader r = reader("batchSize", "many");
        assertThat(r.integer("batchSize", 7, 1, 10)).isEqualTo(7);
        assertThat(r.errors()).singleElement().asString().contains("'batchSize'").contains("'many'");
    }

    @Test
    void integerAcceptsUnderscoresAndTrimsSpaces() {
        OptionReader r = reader("queueSize", " 40_960 ");
        assertThat(r.integer("queueSize", 1, 1, 1_000_000)).isEqualTo(40_960);
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void integerBeyondIntRangeIsRejectedNotWrapped() {
        OptionReader r = reader("queueSize", "4294967297");
        assertThat(r.integer("queueSize", 5, 1, Integer.MAX_VALUE)).isEqualTo(5);
        assertThat(r.errors()).singleElement().asString().contains("'queueSize'");
    }

    @Test
    void badBooleanIsAnErrorNamingTheOption() {
        OptionReader r = reader("durable", "maybe");
        assertThat(r.bool("durable", true)).isTrue();
        assertThat(r.errors()).singleElement().asString().contains("'durable'").contains("'maybe'");
    }

    @Test
    void booleanAcceptsCommonSpellings() {
        OptionReader r = reader("a", "YES", "b", "off", "c", "True");
        assertThat(r.bool("a", false)).isTrue();
        assertThat(r.bool("b", true)).isFalse();
        assertThat(r.bool("c", false)).isTrue();
        assertThat(r.bool("missing", true)).isTrue();
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void badEnumIsAnErrorListingTheAllowedValues() {
        OptionReader r = reader("overflow", "wait");
        assertThat(r.choice("overflow", Overflow.class, Overflow.DROP)).isEqualTo(Overflow.DROP);
        assertThat(r.errors()).singleElement().asString()
                .contains("'overflow'").contains("drop").contains("block").contains("'wait'");
    }

    @Test
    void enumIsCaseInsensitiveAndAcceptsKebabCase() {
        OptionReader r = reader("overflow", "Block", "format", "json-lines");
        assertThat(r.choice("overflow", Overflow.class, Overflow.DROP)).isEqualTo(Overflow.BLOCK);
        assertThat(r.choice("format", dev.sluice.transport.rabbitmq.RabbitMqOptions.Format.class,
                dev.sluice.transport.rabbitmq.RabbitMqOptions.Format.JSON))
                .isEqualTo(dev.sluice.transport.rabbitmq.RabbitMqOptions.Format.JSON_LINES);
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void missingRequiredOptionIsAnErrorNamingIt() {
        OptionReader r = reader("other", "x", "blank", "   ");
        assertThat(r.required("endpoint")).isNull();
        assertThat(r.required("blank")).isNull();
        assertThat(r.errors()).containsExactly("option 'endpoint': is required", "option 'blank': is required");
    }

    @Test
    void collectsEveryProblemInsteadOfStoppingAtTheFirst() {
        OptionReader r = reader("queueSize", "-1", "durable", "perhaps", "linger", "5 parsecs", "maxQueueBytes", "1KB");
        r.integer("queueSize", 1, 1, 10);
        r.bool("durable", true);
        r.duration("linger", Duration.ofMillis(1), Duration.ZERO, Duration.ofMinutes(1));
        r.bytes("maxQueueBytes", 4096, 2048, 1 << 20);
        assertThat(r.errors()).hasSize(4);
        assertThat(r.errors().get(0)).contains("'queueSize'");
        assertThat(r.errors().get(1)).contains("'durable'");
        assertThat(r.errors().get(2)).contains("'linger'").contains("parsecs");
        assertThat(r.errors().get(3)).contains("'maxQueueBytes'").contains("2KB").contains("1KB");
    }

    @Test
    void durationOutsideBoundsIsAnErrorAndUsesTheDefault() {
        OptionReader r = reader("linger", "2m");
        assertThat(r.duration("linger", Duration.ofMillis(200), Duration.ZERO, Duration.ofMinutes(1)))
                .isEqualTo(Duration.ofMillis(200));
        assertThat(r.errors()).singleElement().asString().contains("'linger'").contains("2m");
    }

    @Test
    void rawKeepsSignificantSpacesWhileStringTrims() {
        OptionReader r = reader("builtinFieldsPrefix", " ", "exchange", "  logs  ");
        assertThat(r.raw("builtinFieldsPrefix", "")).isEqualTo(" ");
        assertThat(r.string("builtinFieldsPrefix", "default")).isEqualTo("default");
        assertThat(r.string("exchange", null)).isEqualTo("logs");
    }

    @Test
    void warningsAreKeptApartFromErrors() {
        OptionReader r = reader();
        r.warn("uri", "looks odd");
        assertThat(r.warnings()).containsExactly("option 'uri': looks odd");
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void optionsToStringShowsNamesButNeverValues() {
        Options o = new Options().set("password", "hunter2").set("uri", "amqp://u:hunter2@h");
        assertThat(o.toString()).contains("password").doesNotContain("hunter2");
    }
}
