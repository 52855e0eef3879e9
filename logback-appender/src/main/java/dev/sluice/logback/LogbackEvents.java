package dev.sluice.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.sluice.event.CallerInfo;
import dev.sluice.event.ImmutableArguments;
import dev.sluice.event.LogEvent;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
        Map<String, String> mdc = e.getMDCPropertyMap();
        return new LogEvent(epochSecond, nanos, e.getLevel().toString(), e.getLevel().toInt(), e.getLoggerName(),
                e.getThreadName(), message, template, mdc == null ? Collections.emptyMap() : mdc,
                keyValues(e.getKeyValuePairs()), markers(e.getMarkerList()),
                LogbackThrowableInfo.of(e.getThrowableProxy()),
                includeCallerData ? caller(e.getCallerData()) : null);
    }

    private static Object[] keyValues(List<KeyValuePair> pairs) {
        if (pairs == null || pairs.isEmpty()) {
            return null;
        }
        Object[] kv = new Object[pairs.size() * 2];
        for (int i = 0; i < pairs.size(); i++) {
            KeyValuePair p = pairs.get(i);
            kv[2 * i] = p.key;
            kv[2 * i + 1] = ImmutableArguments.snapshot(p.value);
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
