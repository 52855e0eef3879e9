package dev.sluice.event;

import java.util.List;
import java.util.Map;

/**
 * A framework-neutral snapshot of one logging event, taken on the application thread.
 *
 * <p>Adapters copy only what cannot be read later (thread name, MDC, caller data) and keep
 * references to what is already immutable. Everything else happens on the sender thread.
 */
public final class LogEvent {
    private static final EventLimits DEFAULT_LIMITS = new EventLimits(Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.parseInt(dev.sluice.config.OptionCatalogue.MAX_STACK_TRACE_LENGTH.defaultValue()));
    /** This object (16 fields) and the level string's share; everything else is counted by size. */
    private static final int BASE_ESTIMATE = 192;
    /** For a deferred message whose estimate failed. */
    private static final int UNKNOWN_ESTIMATE = 256;

    private final long epochSecond;
    private final int nanoOfSecond;
    private final String level;
    private final int levelValue;
    private final String loggerName;
    private final String threadName;
    private final Object message;
    private final String messageTemplate;
    private final Map<String, String> mdc;
    private final Object[] keyValues;
    private final List<String> markers;
    private final ThrowableInfo throwable;
    private final CallerInfo caller;
    private final int droppedEntries;
    private final long estimatedBytes;

    /**
     * @param message        the formatted message, or a {@link DeferredMessage} safe to format later
     * @param messageTemplate the unformatted template (for repeat detection), may be null
     * @param mdc            an immutable map, never null
     * @param keyValues      alternating key (String) and value (Object), or null
     * @param markers        marker names, or null
     */
    public LogEvent(long epochSecond, int nanoOfSecond, String level, int levelValue, String loggerName,
                    String threadName, Object message, String messageTemplate, Map<String, String> mdc,
                    Object[] keyValues, List<String> markers, ThrowableInfo throwable, CallerInfo caller) {
        this(epochSecond, nanoOfSecond, level, levelValue, loggerName, threadName, message, messageTemplate, mdc,
                keyValues, markers, throwable, caller, 0);
    }

    /**
     * @param throwable      copied into a bounded {@link ThrowableSnapshot} (with default limits) unless it is one
     * @param droppedEntries MDC entries and key/value pairs the adapter left out (see {@link EventLimits})
     */
    public LogEvent(long epochSecond, int nanoOfSecond, String level, int levelValue, String loggerName,
                    String threadName, Object message, String messageTemplate, Map<String, String> mdc,
                    Object[] keyValues, List<String> markers, ThrowableInfo throwable, CallerInfo caller,
                    int droppedEntries) {
        this.epochSecond = epochSecond;
        this.nanoOfSecond = nanoOfSecond;
        this.level = level;
        this.levelValue = levelValue;
        this.loggerName = loggerName;
        this.threadName = threadName;
        this.message = message;
        this.messageTemplate = messageTemplate;
        this.mdc = mdc;
        this.keyValues = keyValues;
        this.markers = markers;
        // Never hold a throwable itself: what it reaches is unbounded and would escape the estimate.
        this.throwable = throwable == null || throwable instanceof ThrowableSnapshot ? throwable
                : ThrowableSnapshot.copy(throwable, DEFAULT_LIMITS);
        this.caller = caller;
        this.droppedEntries = droppedEntries;
        this.estimatedBytes = estimate();
    }

    public long epochSecond() {
        return epochSecond;
    }

    public int nanoOfSecond() {
        return nanoOfSecond;
    }

    public long epochMilli() {
        return epochSecond * 1000 + nanoOfSecond / 1_000_000;
    }

    public String level() {
        return level;
    }

    public int levelValue() {
        return levelValue;
    }

    public String loggerName() {
        return loggerName;
    }

    public String threadName() {
        return threadName;
    }

    /** The formatted message; formats a deferred message (call on the sender thread, once). */
    public String formatMessage() {
        Object m = message;
        if (m instanceof DeferredMessage) {
            return ((DeferredMessage) m).format();
        }
        return (String) m;
    }

    public String messageTemplate() {
        return messageTemplate;
    }

    public Map<String, String> mdc() {
        return mdc;
    }

    public Object[] keyValues() {
        return keyValues;
    }

    public List<String> markers() {
        return markers;
    }

    public ThrowableInfo throwable() {
        return throwable;
    }

    public CallerInfo caller() {
        return caller;
    }

    /** MDC entries and key/value pairs left out when the event was taken (beyond {@code maxEntries}). */
    public int droppedEntries() {
        return droppedEntries;
    }

    /**
     * An upper bound of the heap this event holds (see {@link HeapSizes}), used to bound the queue in
     * bytes. Costs one pass over the MDC, key/values and frames, which the adapters have bounded.
     * Fixed at construction, so the queue releases exactly what it reserved.
     */
    public long estimatedBytes() {
        return estimatedBytes;
    }

    private long estimate() {
        long size = BASE_ESTIMATE + HeapSizes.string(loggerName) + HeapSizes.string(threadName);
        Object m = message;
        if (m instanceof String) {
            size += HeapSizes.string((String) m);
            if (messageTemplate != m) {
                size += HeapSizes.string(messageTemplate);
            }
        } else if (m instanceof DeferredMessage) {
            // A deferred message holds the template itself.
            try {
                size += HeapSizes.SMALL_OBJECT + ((DeferredMessage) m).estimatedBytes();
            } catch (RuntimeException | Error e) {
                size += UNKNOWN_ESTIMATE;
            }
        } else {
            size += HeapSizes.string(messageTemplate);
        }
        size += HeapSizes.stringMap(mdc);
        if (keyValues != null) {
            size += HeapSizes.referenceArray(keyValues.length);
            for (Object o : keyValues) {
                size += HeapSizes.value(o);
            }
        }
        size += HeapSizes.stringList(markers);
        if (throwable != null) {
            size += ((ThrowableSnapshot) throwable).retainedBytes();
        }
        if (caller != null) {
            size += HeapSizes.SMALL_OBJECT + HeapSizes.string(caller.className()) + HeapSizes.string(caller.methodName())
                    + HeapSizes.string(caller.fileName());
        }
        return size;
    }
}
