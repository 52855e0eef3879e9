package dev.sluice.pipeline;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with "equal jitter": a delay drawn between half and all of the capped exponential value. */
final class Backoff {
    private final long baseNanos;
    private final long maxNanos;

    Backoff(Duration base, Duration max) {
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** Delay before retry number {@code attempt} (1-based). */
    long delayNanos(int attempt) {
        long exp = baseNanos;
        for (int i = 1; i < attempt && exp < maxNanos; i++) {
            exp *= 2;
        }
        exp = Math.min(exp, maxNanos);
        long half = exp / 2;
        return half + ThreadLocalRandom.current().nextLong(exp - half + 1);
    }
}
