package dev.sluice.runtime;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread owned by Sluice: the sender thread and every thread a transport library runs for us.
 * Each is registered with {@link OwnEvents}, so that what is logged on it is recognised as Sluice's
 * own and never shipped, even when another thread (an async appender's) hands it to the appender.
 */
public final class SluiceThread extends Thread {
    private SluiceThread(Runnable task, String name) {
        super(task, name);
        setDaemon(true);
    }

    public static Thread create(String name, Runnable task) {
        return OwnEvents.register(new SluiceThread(task, name));
    }

    /** True when the current thread belongs to Sluice. Cheap enough for every log call. */
    public static boolean isCurrent() {
        return Thread.currentThread() instanceof SluiceThread;
    }

    /**
     * A factory for a transport library's threads, named after the appender. The library may rename
     * them (amqp-client does); {@link OwnEvents} still knows them.
     */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> create(prefix + "-" + n.incrementAndGet(), task);
    }
}
