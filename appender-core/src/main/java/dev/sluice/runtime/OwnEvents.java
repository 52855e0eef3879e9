package dev.sluice.runtime;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises events caused by Sluice's own sending, whichever thread hands them to an appender.
 *
 * <p>An event is Sluice's own when it was logged on a thread Sluice created (the sender, the
 * transport library's threads). Synchronously that is the current thread; behind an async hop
 * (Logback's AsyncAppender, Log4j2 async loggers or {@code <Async>}) the decision is made from what
 * the event carries: its logger and the thread that logged it. Only loggers of the libraries Sluice
 * drives are looked up, so the common path costs a few prefix checks, no allocation and no lock.
 *
 * <p>Threads are recognised by identity (id) or by their current name, never by a naming pattern:
 * amqp-client renames our threads, and an application thread may be called "sluice-worker".
 */
public final class OwnEvents {
    /** Logger name prefixes of the libraries that log on Sluice's threads while it sends. */
    private static final String[] DRIVEN_LIBRARIES = {
        "org.apache.hc.", "com.rabbitmq.", "dev.sluice.", "javax.net.ssl", "jdk.", "sun.", "net.jpountz.",
    };

    /** Copy-on-write: readers scan it without a lock; it holds only Sluice's few threads. */
    private static volatile Registered[] threads = new Registered[0];

    private OwnEvents() {
    }

    /** Registers a thread Sluice created; held weakly. */
    static synchronized Thread register(Thread thread) {
        List<Registered> kept = new ArrayList<>(threads.length + 1);
        for (Registered r : threads) {
            if (r.thread.get() != null) {
                kept.add(r);
            }
        }
        kept.add(new Registered(thread));
        threads = kept.toArray(new Registered[0]);
        return thread;
    }

    /**
     * Whether an event was caused by Sluice's own sending and must not be shipped.
     *
     * @param loggerName the event's logger
     * @param threadId   the id of the thread that logged it, or -1 when the event does not carry it
     * @param threadName the name of the thread that logged it (as captured in the event), or null
     */
    public static boolean isOwn(String loggerName, long threadId, String threadName) {
        if (SluiceThread.isCurrent()) {
            return true;
        }
        if (!fromDrivenLibrary(loggerName)) {
            return false;
        }
        for (Registered r : threads) {
            if (r.matches(threadId, threadName)) {
                return true;
            }
        }
        return false;
    }

    private static boolean fromDrivenLibrary(String loggerName) {
        if (loggerName == null) {
            return false;
        }
        for (String prefix : DRIVEN_LIBRARIES) {
            if (loggerName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One of our threads. The id is kept apart from the weak reference: a connection thread that
     * ended (and was collected; its entry stays until the next registration) may still have lines
     * waiting in an async appender's queue, and thread ids are never reused. Names are compared
     * live, since the library may rename the thread.
     */
    private static final class Registered {
        final WeakReference<Thread> thread;
        final long id;

        Registered(Thread thread) {
            this.thread = new WeakReference<>(thread);
            this.id = thread.getId();
        }

        boolean matches(long threadId, String threadName) {
            if (threadId >= 0) {
                return id == threadId;
            }
            Thread t = thread.get();
            return t != null && threadName != null && threadName.equals(t.getName());
        }
    }
}
