package dev.sluice.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.sluice.event.LogEvent;

/**
 * Benchmark-only door into the adapter's package-private snapshot, so that the encode benchmark
 * composes exactly the {@link LogEvent} that {@link RabbitMqAppender} would queue (same deferred message,
 * same MDC map). Lives in the benchmarks module; not part of the library.
 */
public final class BenchmarkAccess {
    private BenchmarkAccess() {
    }

    public static LogEvent snapshot(ILoggingEvent event) {
        return LogbackEvents.snapshot(event, false);
    }
}
