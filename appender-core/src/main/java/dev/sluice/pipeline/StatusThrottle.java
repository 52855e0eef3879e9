package dev.sluice.pipeline;

import dev.sluice.runtime.StatusSink;

/**
 * Keeps the status channel readable during an outage: the first send failure is reported at once,
 * the same failure again only once per interval (with how often it recurred), and recovery once.
 * Used by the sender thread only.
 */
final class StatusThrottle {
    private final StatusSink status;
    private final long intervalNanos;
    private final String target;
    private String lastMessage;
    private long lastReportNanos;
    private int suppressed;
    private long failuresSinceHealthy;

    StatusThrottle(StatusSink status, long intervalNanos, String target) {
        this.status = status;
        this.intervalNanos = intervalNanos;
        this.target = target;
    }

    void failure(String message, Throwable cause) {
        failure(message, message, cause);
    }

    /** @param kind what makes two failures "the same" for throttling, when the message carries varying numbers */
    void failure(String kind, String message, Throwable cause) {
        failuresSinceHealthy++;
        long now = System.nanoTime();
        if (kind.equals(lastMessage) && now - lastReportNanos < intervalNanos) {
            suppressed++;
            return;
        }
        String repeated = suppressed > 0 ? " (" + suppressed + " similar failures since the last report)" : "";
        status.error(message + repeated, cause);
        lastMessage = kind;
        lastReportNanos = now;
        suppressed = 0;
    }

    void healthy() {
        if (failuresSinceHealthy > 0) {
            status.info("Delivery to " + target + " resumed after " + failuresSinceHealthy + " failed attempt(s)");
            failuresSinceHealthy = 0;
            lastMessage = null;
            suppressed = 0;
        }
    }
}
