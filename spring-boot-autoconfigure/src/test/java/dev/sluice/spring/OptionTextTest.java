package dev.sluice.spring;

import dev.sluice.config.Durations;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bound values become text that the core parses back to the same value. */
class OptionTextTest {
    @Test
    void durationsInIsoFormThatTheCoreReads() {
        for (Duration d : List.of(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(90), Duration.ZERO)) {
            assertThat(Durations.parse(OptionText.of(d))).isEqualTo(d);
        }
    }

    @Test
    void sizesInBytesListsAndMapsCommaSeparated() {
        assertThat(OptionText.of(DataSize.ofMegabytes(64))).isEqualTo(Long.toString(64L * 1024 * 1024));
        assertThat(OptionText.of(List.of("message", "level"))).isEqualTo("message,level");
        Map<String, String> map = new LinkedHashMap<>();
        map.put("project", "shop");
        map.put("application", "backend");
        assertThat(OptionText.of(map)).isEqualTo("project=shop,application=backend");
        assertThat(OptionText.of(null)).isNull();
        assertThat(OptionText.of(Boolean.TRUE)).isEqualTo("true");
    }
}
