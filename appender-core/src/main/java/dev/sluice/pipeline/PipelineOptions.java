package dev.sluice.pipeline;

import dev.sluice.config.Backend;
import dev.sluice.config.OptionReader;
import static dev.sluice.config.OptionCatalogue.*;


import java.time.Duration;

/** Queue, batching, retry and shutdown settings. Defaults are explained in the README. */
public final class PipelineOptions {
    /** The queue packs its count into 24 bits of one atomic word. */
    static final int MAX_QUEUE_SIZE = (int) QUEUE_SIZE.max();

    private final int queueSize;
    private final long maxQueueBytes;
    private final Overflow overflow;
    private final Duration maxBlock;
    private final int batchSize;
    private final long batchBytes;
    private final Duration linger;
    private final int maxRetries;
    private final int maxInFlight;
    private final Duration retryBackoff;
    private final Duration maxRetryBackoff;
    private final Duration closeTimeout;
    private final Duration statusInterval;

    private PipelineOptions(OptionReader r, Backend backend) {
        queueSize = r.integer(QUEUE_SIZE);
        maxQueueBytes = r.bytes(MAX_QUEUE_BYTES);
        overflow = r.choice(OVERFLOW, Overflow.class);
        maxBlock = r.duration(MAX_BLOCK);
        String batchDefault = backend == null ? BATCH_SIZE.defaultValue() : BATCH_SIZE.defaultValue(backend);
        batchSize = r.integer(BATCH_SIZE, Math.min(Integer.parseInt(batchDefault), queueSize));
        batchBytes = r.bytes(BATCH_BYTES);
        linger = r.duration(LINGER);
        maxRetries = r.integer(MAX_RETRIES);
        maxInFlight = r.integer(MAX_IN_FLIGHT);
        retryBackoff = r.duration(RETRY_BACKOFF);
        maxRetryBackoff = r.duration(MAX_RETRY_BACKOFF);
        closeTimeout = r.duration(CLOSE_TIMEOUT);
        statusInterval = r.duration(STATUS_INTERVAL);
        if (maxRetryBackoff.compareTo(retryBackoff) < 0) {
            r.error(MAX_RETRY_BACKOFF, "must not be smaller than retryBackoff (" + retryBackoff.toMillis() + "ms)");
        }
    }

    public static PipelineOptions read(OptionReader r) {
        return new PipelineOptions(r, null);
    }

    /** With the defaults of this backend where they differ (null: the generic defaults). */
    public static PipelineOptions read(OptionReader r, Backend backend) {
        return new PipelineOptions(r, backend);
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

    /** Batches that may be sent and unanswered at once (further bounded by the transport). */
    public int maxInFlight() {
        return maxInFlight;
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
