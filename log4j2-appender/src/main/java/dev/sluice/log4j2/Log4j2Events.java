package dev.sluice.log4j2;

import dev.sluice.event.CallerInfo;
import dev.sluice.event.EventLimits;
import dev.sluice.event.ImmutableArguments;
import dev.sluice.event.JavaThrowableInfo;
import dev.sluice.event.LogEvent;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.ReusableMessage;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.TriConsumer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Snapshots a Log4j2 event on the calling thread into core's immutable {@link LogEvent}.
 *
 * <p>Log4j2 reuses event and message objects (thread-local {@code MutableLogEvent}s, the async
 * loggers' ring buffer): everything is copied before the event leaves this method. Only a plain
 * {@link ParameterizedMessage} whose arguments are all immutable is formatted later, on the sender
 * thread; a {@link ReusableMessage} is always formatted now.
 */
final class Log4j2Events {
    private static final int MAX_MARKER_DEPTH = 8;
    private static final TriConsumer<String, Object, BoundedCopy> COPY_CONTEXT =
            (key, value, copy) -> copy.addContext(key, value);
    private static final TriConsumer<String, Object, BoundedCopy> COPY_MAP_MESSAGE =
            (key, value, copy) -> copy.addPair(key, value);

    private Log4j2Events() {
    }

    static LogEvent snapshot(org.apache.logging.log4j.core.LogEvent e, boolean includeCallerData) {
        return snapshot(e, includeCallerData, EventLimits.defaults());
    }

    /** Context and map-message values are copied bounded by {@code limits} here, before the event is queued. */
    static LogEvent snapshot(org.apache.logging.log4j.core.LogEvent e, boolean includeCallerData, EventLimits limits) {
        org.apache.logging.log4j.core.time.Instant instant = e.getInstant();
        Level level = e.getLevel();
        Message m = e.getMessage();
        String template = template(m);
        BoundedCopy copy = new BoundedCopy(limits);
        Map<String, String> context = contextData(e.getContextData(), copy);
        Object[] kv = keyValues(m, copy);
        return new LogEvent(instant.getEpochSecond(), instant.getNanoOfSecond(), level.name(), levelValue(level),
                e.getLoggerName(), e.getThreadName(), message(m, template), template, context,
                kv, markers(e.getMarker()), limits.throwable(JavaThrowableInfo.of(e.getThrown())),
                includeCallerData ? CallerInfo.of(e.getSource()) : null, copy.dropped());
    }

    /** The unformatted pattern, for repeat detection; Log4j2 deprecates but still fills it in. */
    @SuppressWarnings("deprecation")
    private static String template(Message m) {
        return m == null ? null : m.getFormat();
    }

    private static Object message(Message m, String template) {
        if (m == null) {
            return null;
        }
        // Exact class: a subclass or any other Message type may hold state that changes later.
        if (m.getClass() == ParameterizedMessage.class && template != null) {
            Object[] args = m.getParameters();
            if (args != null && args.length > 0 && ImmutableArguments.all(args)) {
                return new ParameterizedDeferredMessage(template, args.clone());
            }
        }
        return m.getFormattedMessage();
    }

    /** Logstash's level_value is Logback's scale; Log4j2 levels map to it through their standard level. */
    static int levelValue(Level level) {
        switch (level.getStandardLevel()) {
            case OFF:
                return Integer.MAX_VALUE;
            case FATAL:
                return 50_000;
            case ERROR:
                return 40_000;
            case WARN:
                return 30_000;
            case INFO:
                return 20_000;
            case DEBUG:
                return 10_000;
            case TRACE:
                return 5_000;
            default:
                return Integer.MIN_VALUE;
        }
    }

    private static Map<String, String> contextData(ReadOnlyStringMap data, BoundedCopy copy) {
        if (data == null || data.isEmpty()) {
            return Collections.emptyMap();
        }
        copy.startContext(data.size());
        data.forEach(COPY_CONTEXT, copy);
        return copy.context();
    }

    /** A MapMessage's entries become key/value fields (the {@code kv} group), like SLF4J 2 key/value pairs. */
    private static Object[] keyValues(Message m, BoundedCopy copy) {
        if (!(m instanceof MapMessage)) {
            return null;
        }
        ReadOnlyStringMap data = ((MapMessage<?, ?>) m).getIndexedReadOnlyStringMap();
        if (data == null || data.isEmpty()) {
            return null;
        }
        copy.startPairs(data.size());
        data.forEach(COPY_MAP_MESSAGE, copy);
        return copy.pairs();
    }

    /** The marker's name, then its parents' (a Log4j2 marker "is" each of its ancestors), without repeats. */
    private static List<String> markers(Marker marker) {
        if (marker == null) {
            return null;
        }
        List<String> names = new ArrayList<>(2);
        addMarker(marker, names, 0);
        return names;
    }

    private static void addMarker(Marker marker, List<String> names, int depth) {
        String name = marker.getName();
        if (names.contains(name)) {
            return;
        }
        names.add(name);
        if (depth < MAX_MARKER_DEPTH && marker.hasParents()) {
            for (Marker parent : marker.getParents()) {
                if (parent != null) {
                    addMarker(parent, names, depth + 1);
                }
            }
        }
    }
}
