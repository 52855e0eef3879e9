package dev.sluice.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.pipeline.PipelineStats.SendHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendHealthTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final BackendHealth health = new BackendHealth(Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));
    private final Map<String, Object> details = new LinkedHashMap<>();

    private static long ago(int seconds) {
        return NOW.minusSeconds(seconds).toEpochMilli();
    }

    @Test
    void nothingLoggedYetIsNotDown() {
        assertThat(health.assessSends(new SendHealth(0, 0, 0, 0, null), details)).isFalse();
        assertThat(details).isEmpty();
    }

    @Test
    void succeedingSendsAreUpAndShowTheLastSuccess() {
        assertThat(health.assessSends(new SendHealth(5, 1000, ago(1), 0, null), details)).isFalse();
        assertThat(details).containsEntry("lastSuccess", NOW.minusSeconds(1).toString()).doesNotContainKey("failingSince");
    }

    @Test
    void failuresShorterThanTheThresholdAreNotDownYet() {
        assertThat(health.assessSends(new SendHealth(5, 1000, ago(60), ago(30), "connection refused"), details)).isFalse();
        assertThat(details).containsEntry("failingSince", NOW.minusSeconds(30).toString())
                .containsEntry("lastError", "connection refused");
    }

    @Test
    void failuresLongerThanTheThresholdAreDown() {
        assertThat(health.assessSends(new SendHealth(5, 1000, 0, ago(31), "connection refused"), details)).isTrue();
        assertThat(details).containsEntry("lastError", "connection refused").doesNotContainKey("lastSuccess");
    }

    @Test
    void aRecoveredBackendIsUpAndStillShowsItsLastError() {
        assertThat(health.assessSends(new SendHealth(9, 1000, ago(1), 0, "connection refused"), details)).isFalse();
        assertThat(details).containsEntry("lastError", "connection refused");
    }
}
