package dev.sluice.pipeline;

import dev.sluice.config.Backend;
import dev.sluice.config.OptionReader;
import static dev.sluice.config.OptionCatalogue.*;


import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Queue, batching, retry and shutdown settings. Defaults are explained in the README. */
public final class PipelineOptions {
    /** The queue packs its count into 24 bits of one atomic word. */
    static final int MAX_QUEUE_SIZE = (int) QUEUE_SIZE.max();

    private final int queueSize;
    private final long maxQueueBytes;
    private final Overflow overflow;
    private final Duration maxBlock;
    private final int overflowReserve;
    private final Severity overflowReserveLevel;
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
        overflowReserve = r.integer(OVERFLOW_RESERVE);
        overflowReserveLevel = reserveLevel(r);
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

    /** One of the declared levels, in any case; Log4j2's {@code fatal} is not one (on Logback nothing would reach it). */
    private static Severity reserveLevel(OptionReader r) {
        List<String> allowed = OVERFLOW_RESERVE_LEVEL.allowedValues();
        String v = r.string(OVERFLOW_RESERVE_LEVEL);
        for (String level : allowed) {
            if (level.equalsIgnoreCase(v)) {
                return Severity.valueOf(level.toUpperCase(Locale.ROOT));
            }
        }
        r.error(OVERFLOW_RESERVE_LEVEL, "expected one of " + allowed + ", got '" + v + "'");
        return Severity.valueOf(OVERFLOW_RESERVE_LEVEL.defaultValue().toUpperCase(Locale.ROOT));
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

    /** Percent of the queue (count and bytes) kept for {@link #overflowReserveLevel()} and above; 0: none. */
    public int overflowReserve() {
        return overflowReserve;
    }

    /** The lowest level that may use the reserve. */
    public Severity overflowReserveLevel() {
        return overflowReserveLevel;
    }

    /** Events of the queue kept for the reserve level and above: {@code queueSize * overflowReserve / 100}, rounded down. */
    int reservedEvents() {
        return (int) ((long) queueSize * overflowReserve / 100);
    }

    /** Bytes of the queue kept for the reserve level and above, rounded down. */
    long reservedBytes() {
        return maxQueueBytes * overflowReserve / 100;
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
