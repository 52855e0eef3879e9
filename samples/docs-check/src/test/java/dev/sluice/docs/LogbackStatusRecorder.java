package dev.sluice.docs;

import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Records the warnings and errors reported on one thread (the one configuring), and Logback's
 * silent {@code X_IS_UNDEFINED} substitution of a variable without a value. What other threads
 * report later (Sluice's sender finding no broker) is not a configuration problem and is ignored.
 */
final class LogbackStatusRecorder implements StatusListener {
    private final Thread configuring;
    private final Predicate<Status> relevant;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile boolean recording = true;

    /**
     * @param configuring the thread whose statuses count, or null for every thread
     * @param relevant    which statuses count (all, or only those of Sluice's origins)
     */
    LogbackStatusRecorder(Thread configuring, Predicate<Status> relevant) {
        this.configuring = configuring;
        this.relevant = relevant;
    }

    @Override
    public void addStatusEvent(Status status) {
        if (!recording || (configuring != null && Thread.currentThread() != configuring) || !relevant.test(status)) {
            return;
        }
        if (status.getLevel() >= Status.WARN || status.getMessage().contains("_IS_UNDEFINED")) {
            Throwable t = status.getThrowable();
            problems.add(status.getMessage() + (t == null ? "" : " (" + t + ")"));
        }
    }

    /** Kept when Spring Boot resets the LoggerContext while it initialises logging. */
    @Override
    public boolean isResetResistant() {
        return true;
    }

    List<String> stop() {
        recording = false;
        return problems;
    }

    /** Statuses Sluice itself reports (its appenders, the Spring integration), not Logback's or Boot's. */
    static boolean fromSluice(Status status) {
        Object origin = status.getOrigin();
        return origin != null && origin.getClass().getName().startsWith("dev.sluice.");
    }
}
