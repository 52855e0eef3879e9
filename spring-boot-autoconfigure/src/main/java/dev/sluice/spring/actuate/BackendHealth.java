package dev.sluice.spring.actuate;

import dev.sluice.pipeline.PipelineStats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether one backend receives its logs, judged from its counters, in terms any health API can
 * show. UP while sends succeed, and also when nothing was logged yet (an idle application is not
 * unhealthy); DOWN once sends have been failing for longer than the threshold. The details carry
 * the last error, which transports word without secrets.
 */
public final class BackendHealth {
    private final Duration downAfter;
    private final Clock clock;

    public BackendHealth(Duration downAfter, Clock clock) {
        this.downAfter = downAfter;
        this.clock = clock;
    }

    /** The outcome of one check: DOWN or not, and what to show. */
    public static final class Assessment {
        private final boolean down;
        private final Map<String, Object> details;

        Assessment(boolean down, Map<String, Object> details) {
            this.down = down;
            this.details = details;
        }

        public boolean down() {
            return down;
        }

        public Map<String, Object> details() {
            return details;
        }
    }

    public Assessment assess(PipelineStats.Snapshot totals) {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean down = assessSends(totals.sends(), details);
        details.put("queued", totals.queueDepth());
        details.put("sent", totals.sent());
        details.put("failed", totals.failed());
        details.put("dropped", totals.droppedTotal());
        return new Assessment(down, details);
    }

    /** @return whether sending has been failing for longer than the threshold; fills in what to show */
    boolean assessSends(PipelineStats.SendHealth sends, Map<String, Object> details) {
        boolean down = false;
        if (sends.failingSinceMillis() != 0) {
            Duration failing = Duration.between(Instant.ofEpochMilli(sends.failingSinceMillis()), clock.instant());
            down = failing.compareTo(downAfter) > 0;
            details.put("failingSince", Instant.ofEpochMilli(sends.failingSinceMillis()).toString());
        }
        if (sends.lastSuccessMillis() != 0) {
            details.put("lastSuccess", Instant.ofEpochMilli(sends.lastSuccessMillis()).toString());
        }
        if (sends.lastError() != null) {
            details.put("lastError", sends.lastError());
        }
        return down;
    }
}
