package dev.sluice.pipeline;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread owned by Sluice: the sender thread and every thread a transport library runs for us.
 * Appenders ignore events logged on such threads, so the library never logs into itself.
 */
public final class SluiceThread extends Thread {
    private SluiceThread(Runnable task, String name) {
        super(task, name);
        setDaemon(true);
    }

    public static Thread create(String name, Runnable task) {
        return new SluiceThread(task, name);
    }

    /** True when the current thread belongs to Sluice. Cheap enough for every log call. */
    public static boolean isCurrent() {
        return Thread.currentThread() instanceof SluiceThread;
    }

    /** A factory for a transport library's threads, named after the appender. */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> new SluiceThread(task, prefix + "-" + n.incrementAndGet());
    }
}
