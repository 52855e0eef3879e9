package dev.sluice.testing;

import dev.sluice.runtime.StatusSink;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A thread-safe {@link StatusSink} that keeps everything it is told. */
public final class RecordingStatusSink implements StatusSink {
    public enum Level { INFO, WARN, ERROR }

    public static final class Entry {
        public final Level level;
        public final String message;
        public final Throwable cause;

        Entry(Level level, String message, Throwable cause) {
            this.level = level;
            this.message = message;
            this.cause = cause;
        }

        @Override
        public String toString() {
            return level + " " + message + (cause == null ? "" : " [" + cause + "]");
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public synchronized void info(String message) {
        entries.add(new Entry(Level.INFO, message, null));
    }

    @Override
    public synchronized void warn(String message, Throwable cause) {
        entries.add(new Entry(Level.WARN, message, cause));
    }

    @Override
    public synchronized void error(String message, Throwable cause) {
        entries.add(new Entry(Level.ERROR, message, cause));
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    public List<String> messages(Level level) {
        return entries().stream().filter(e -> e.level == level).map(e -> e.message).collect(Collectors.toList());
    }

    public List<String> warnings() {
        return messages(Level.WARN);
    }

    public List<String> errors() {
        return messages(Level.ERROR);
    }

    /** Every message at every level, for "never contains a secret" checks. */
    public List<String> all() {
        return entries().stream().map(Entry::toString).collect(Collectors.toList());
    }
}
