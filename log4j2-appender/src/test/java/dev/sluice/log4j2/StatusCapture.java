package dev.sluice.log4j2;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Records what reaches Log4j2's StatusLogger at or above a level, for assertions. */
final class StatusCapture implements StatusListener {
    private final Level level;
    private final List<StatusData> recorded = new CopyOnWriteArrayList<>();

    private StatusCapture(Level level) {
        this.level = level;
    }

    static StatusCapture register(Level level) {
        StatusCapture capture = new StatusCapture(level);
        StatusLogger.getLogger().registerListener(capture);
        return capture;
    }

    @Override
    public void log(StatusData data) {
        recorded.add(data);
    }

    @Override
    public Level getStatusLevel() {
        return level;
    }

    /** Formatted messages at {@code atLeast} or more severe. */
    List<String> messages(Level atLeast) {
        return recorded.stream()
                .filter(d -> d.getLevel().isMoreSpecificThan(atLeast))
                .map(d -> d.getMessage().getFormattedMessage())
                .collect(Collectors.toList());
    }

    /** Every message with its throwables' texts, for secret checks. */
    String allText() {
        StringBuilder sb = new StringBuilder();
        for (StatusData d : recorded) {
            sb.append(d.getFormattedStatus()).append('\n');
            for (Throwable t = d.getThrowable(); t != null; t = t.getCause()) {
                sb.append(t).append('\n');
            }
        }
        return sb.toString();
    }

    /** Called by the StatusLogger when the listener is removed. */
    @Override
    public void close() {
    }

    void unregister() {
        StatusLogger.getLogger().removeListener(this);
    }
}
