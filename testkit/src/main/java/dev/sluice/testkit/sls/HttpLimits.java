package dev.sluice.testkit.sls;

import java.time.Duration;

/**
 * What one client may cost the receiver's HTTP layer: the size of a request head, how long it may take to arrive,
 * how long an idle keep-alive connection is kept, and how many connections are open at once (one thread each).
 */
final class HttpLimits {

    final int maxHeadBytes;
    final int maxHeaderCount;
    final Duration readTimeout;
    final Duration idleTimeout;
    final int maxConnections;

    HttpLimits(int maxHeadBytes, int maxHeaderCount, Duration readTimeout, Duration idleTimeout, int maxConnections) {
        this.maxHeadBytes = positive(maxHeadBytes, "maxHeadBytes");
        this.maxHeaderCount = positive(maxHeaderCount, "maxHeaderCount");
        this.readTimeout = positive(readTimeout, "readTimeout");
        this.idleTimeout = positive(idleTimeout, "idleTimeout");
        this.maxConnections = positive(maxConnections, "maxConnections");
    }

    private static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
        return value;
    }

    private static Duration positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero() || value.toMillis() == 0) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, got " + value);
        }
        return value;
    }
}
