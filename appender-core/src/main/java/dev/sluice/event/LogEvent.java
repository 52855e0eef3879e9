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
    private static final int BASE_ESTIMATE = 256;
    private static final int PER_ENTRY_ESTIMATE = 64;
    private static final int THROWABLE_ESTIMATE = 4096;

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
        this.throwable = throwable;
        this.caller = caller;
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

    /**
     * A cheap, constant-time estimate of the memory this event holds, used to bound the queue in
     * bytes without walking the event on the application thread. Fixed at construction, so the
     * queue releases exactly what it reserved.
     */
    public long estimatedBytes() {
        return estimatedBytes;
    }

    private long estimate() {
        long size = BASE_ESTIMATE;
        Object m = message;
        if (m instanceof String) {
            size += 2L * ((String) m).length();
        } else if (m instanceof DeferredMessage) {
            try {
                size += ((DeferredMessage) m).estimatedBytes();
            } catch (RuntimeException | Error e) {
                size += BASE_ESTIMATE;
            }
        }
        size += (long) PER_ENTRY_ESTIMATE * mdc.size();
        if (keyValues != null) {
            size += (long) PER_ENTRY_ESTIMATE * keyValues.length / 2;
        }
        if (throwable != null) {
            size += THROWABLE_ESTIMATE;
        }
        return size;
    }
}
