package dev.sluice.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.sluice.event.CallerInfo;
import dev.sluice.event.EventLimits;
import dev.sluice.event.ImmutableArguments;
import dev.sluice.event.LogEvent;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Snapshots a Logback event on the application thread: only what cannot wait (thread name, MDC,
 * caller data) is read now; the message is formatted later when its arguments are immutable.
 */
final class LogbackEvents {
    private LogbackEvents() {
    }

    static LogEvent snapshot(ILoggingEvent e, boolean includeCallerData) {
        return snapshot(e, includeCallerData, EventLimits.defaults());
    }

    /** MDC and key/value values are cut and counted within {@code limits} here, before the event is queued. */
    static LogEvent snapshot(ILoggingEvent e, boolean includeCallerData, EventLimits limits) {
        Instant instant = e.getInstant();
        long epochSecond;
        int nanos;
        if (instant != null) {
            epochSecond = instant.getEpochSecond();
            nanos = instant.getNano();
        } else {
            long ms = e.getTimeStamp();
            epochSecond = Math.floorDiv(ms, 1000);
            nanos = (int) Math.floorMod(ms, 1000) * 1_000_000;
        }
        String template = e.getMessage();
        Object[] args = e.getArgumentArray();
        Object message = args != null && args.length > 0 && template != null && ImmutableArguments.all(args)
                ? new Slf4jDeferredMessage(template, args)
                : e.getFormattedMessage();
        Map<String, String> source = e.getMDCPropertyMap();
        Map<String, String> mdc = limits.mdc(source);
        int dropped = source == null ? 0 : source.size() - mdc.size();
        List<KeyValuePair> pairs = e.getKeyValuePairs();
        int room = limits.maxEntries() - mdc.size();
        Object[] kv = keyValues(pairs, room, limits);
        if (pairs != null && pairs.size() > room) {
            dropped += pairs.size() - room;
        }
        return new LogEvent(epochSecond, nanos, e.getLevel().toString(), e.getLevel().toInt(), e.getLoggerName(),
                e.getThreadName(), message, template, mdc, kv, markers(e.getMarkerList()),
                limits.throwable(LogbackThrowableInfo.of(e.getThrowableProxy())),
                includeCallerData ? caller(e.getCallerData()) : null, dropped);
    }

    /** At most {@code room} pairs, values cut (mutable ones turned into text now). */
    private static Object[] keyValues(List<KeyValuePair> pairs, int room, EventLimits limits) {
        int n = pairs == null ? 0 : Math.min(pairs.size(), room);
        if (n <= 0) {
            return null;
        }
        Object[] kv = new Object[n * 2];
        for (int i = 0; i < n; i++) {
            KeyValuePair p = pairs.get(i);
            kv[2 * i] = p.key == null ? null : limits.cut(p.key);
            kv[2 * i + 1] = limits.value(p.value);
        }
        return kv;
    }

    private static List<String> markers(List<Marker> markers) {
        if (markers == null || markers.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>(markers.size());
        for (Marker m : markers) {
            if (m != null) {
                names.add(m.getName());
            }
        }
        return names;
    }

    private static CallerInfo caller(StackTraceElement[] callerData) {
        return callerData == null || callerData.length == 0 ? null : CallerInfo.of(callerData[0]);
    }
}
