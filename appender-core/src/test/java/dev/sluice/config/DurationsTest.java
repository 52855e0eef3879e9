package dev.sluice.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
            "500ms, 500",
            "2s, 2000",
            "1m, 60000",
            "1.5s, 1500",
            "PT2S, 2000",
            "pt0.25s, 250",
            "1h, 3600000",
            "250, 250",
            "' 3 s ', 3000",
            "10 seconds, 10000",
            "2min, 120000",
    })
    void parsesHumanAndIsoDurations(String text, long expectedMillis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @Test
    void keepsSubMillisecondPrecision() {
        assertThat(Durations.parse("1500us")).isEqualTo(Duration.ofNanos(1_500_000));
        assertThat(Durations.parse("7ns")).isEqualTo(Duration.ofNanos(7));
    }

    @Test
    void rejectsAnUnknownUnitNamingTheUnitAndTheText() {
        assertThatThrownBy(() -> Durations.parse("5 fortnights"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fortnights'")
                .hasMessageContaining("'5 fortnights'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "abc", "-1s", ".", "1..5s", "PTxS", "s"})
    void rejectsMalformedTextQuotingIt(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void formatsWholeSecondsAsSecondsAndTheRestAsMillis() {
        assertThat(Durations.format(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0ms");
    }
}
