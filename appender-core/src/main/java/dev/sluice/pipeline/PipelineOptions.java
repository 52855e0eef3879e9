package dev.sluice.pipeline;

import dev.sluice.config.OptionReader;

import java.time.Duration;

/** Queue, batching, retry and shutdown settings. Defaults are explained in the README. */
public final class PipelineOptions {
    public static final int DEFAULT_QUEUE_SIZE = 32_768;
    public static final long DEFAULT_MAX_QUEUE_BYTES = 64L << 20;
    public static final int DEFAULT_BATCH_SIZE = 1024;
    public static final long DEFAULT_BATCH_BYTES = 4L << 20;
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_RETRIES = 8;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(10);

    /** The queue packs its count into 24 bits of one atomic word. */
    static final int MAX_QUEUE_SIZE = (1 << 24) - 1;

    private final int queueSize;
    private final long maxQueueBytes;
    private final Overflow overflow;
    private final Duration maxBlock;
    private final int batchSize;
    private final long batchBytes;
    private final Duration linger;
    private final int maxRetries;
    private final Duration retryBackoff;
    private final Duration maxRetryBackoff;
    private final Duration closeTimeout;
    private final Duration statusInterval;

    private PipelineOptions(OptionReader r) {
        queueSize = r.integer("queueSize", DEFAULT_QUEUE_SIZE, 1, MAX_QUEUE_SIZE);
        maxQueueBytes = r.bytes("maxQueueBytes", DEFAULT_MAX_QUEUE_BYTES, 1024, 1L << 39);
        overflow = r.choice("overflow", Overflow.class, Overflow.DROP);
        maxBlock = r.duration("maxBlock", DEFAULT_MAX_BLOCK, Duration.ZERO, Duration.ofMinutes(10));
        batchSize = r.integer("batchSize", Math.min(DEFAULT_BATCH_SIZE, queueSize), 1, 100_000);
        batchBytes = r.bytes("batchBytes", DEFAULT_BATCH_BYTES, 1024, 1L << 30);
        linger = r.duration("linger", DEFAULT_LINGER, Duration.ZERO, Duration.ofMinutes(1));
        maxRetries = r.integer("maxRetries", DEFAULT_MAX_RETRIES, 0, 1_000_000);
        retryBackoff = r.duration("retryBackoff", DEFAULT_RETRY_BACKOFF, Duration.ofMillis(1), Duration.ofMinutes(10));
        maxRetryBackoff = r.duration("maxRetryBackoff", DEFAULT_MAX_RETRY_BACKOFF, Duration.ofMillis(1), Duration.ofHours(1));
        closeTimeout = r.duration("closeTimeout", DEFAULT_CLOSE_TIMEOUT, Duration.ZERO, Duration.ofMinutes(10));
        statusInterval = r.duration("statusInterval", DEFAULT_STATUS_INTERVAL, Duration.ofMillis(10), Duration.ofHours(1));
        if (maxRetryBackoff.compareTo(retryBackoff) < 0) {
            r.error("maxRetryBackoff", "must not be smaller than retryBackoff (" + retryBackoff.toMillis() + "ms)");
        }
    }

    public static PipelineOptions read(OptionReader r) {
        return new PipelineOptions(r);
    }

    public int queueSize() {
        return queueSize;
    }

    public long maxQueueBytes() {
        return maxQueueBytes;
    }

    public Overflow overflow() {
        return overflow;
    }

    public Duration maxBlock() {
        return maxBlock;
    }

    public int batchSize() {
        return batchSize;
    }

    public long batchBytes() {
        return batchBytes;
    }

    public Duration linger() {
        return linger;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration retryBackoff() {
        return retryBackoff;
    }

    public Duration maxRetryBackoff() {
        return maxRetryBackoff;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** How often, at most, drops and repeated failures are reported. */
    public Duration statusInterval() {
        return statusInterval;
    }
}
