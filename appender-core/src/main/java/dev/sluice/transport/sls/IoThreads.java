package dev.sluice.transport.sls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * The threads that run an SLS transport's requests, one send (batch) at a time each, with a {@link
 * RequestWriter} of their own. A thread is started when a send finds every existing one busy, so there are
 * never more threads than sends were ever running at once, which the pipeline bounds by {@code maxInFlight}.
 * They live as long as the transport (daemon {@link dev.sluice.runtime.SluiceThread}s, so that what
 * httpclient5 logs on them is recognised as Sluice's own).
 */
final class IoThreads {
    /** One send. */
    interface Job {
        /** Does the work on an I/O thread and records how it ended. */
        void run(RequestWriter writer);

        /** {@link #run} (or making its writer) threw: records that as how the job ended. */
        void crashed(Throwable unexpected);

        /** Reports how {@link #run} ended; called after the thread counts itself free again. */
        void report();

        /** Reports that the job never ran: the transport was closed first. */
        void cancel();
    }

    private final ThreadFactory threads;
    private final Supplier<RequestWriter> writers;
    private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final List<Thread> started = new ArrayList<>();
    /** Jobs submitted and not yet finished (their report may still be running); guarded by {@link #lock}. */
    private int active;
    private volatile boolean closed;

    IoThreads(ThreadFactory threads, Supplier<RequestWriter> writers) {
        this.threads = threads;
        this.writers = writers;
    }

    /** Runs the job on a free I/O thread, starting one when all are busy; after {@link #close()}, cancels it. */
    void submit(Job job) {
        synchronized (lock) {
            if (!closed) {
                if (active >= started.size()) {
                    try {
                        startThread();
                    } catch (RuntimeException | Error e) {
                        if (started.isEmpty()) {
                            throw e; // no thread to run it: the caller fails the send (the pipeline retries it)
                        }
                        // The threads there are take it when one is free.
                    }
                }
                active++;
                jobs.add(job);
                return;
            }
        }
        job.cancel();
    }

    /** I/O threads running now (for tests: never more than the sends that ran at once). */
    int threadCount() {
        synchronized (lock) {
            return started.size();
        }
    }

    private void work() {
        RequestWriter writer = null;
        try {
            while (!closed) {
                Job job;
                try {
                    job = jobs.take();
                } catch (InterruptedException e) {
                    break; // closed
                }
                if (closed) {
                    finished();
                    job.cancel();
                    break;
                }
                try {
                    if (writer == null) {
                        writer = writers.get(); // here, so that a failure fails this job, not the thread
                    }
                    job.run(writer);
                } catch (RuntimeException | Error e) {
                    job.crashed(e);
                } finally {
                    // Free before the report: the pipeline may hand over the next batch from within it.
                    finished();
                }
                try {
                    job.report();
                } catch (RuntimeException | Error e) {
                    // The pipeline's outcome callbacks do not throw; whatever did, this thread goes on.
                }
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
            exited(Thread.currentThread());
        }
    }

    /** A thread ended: at close, or (a bug) by an unexpected throwable; then another takes over waiting jobs. */
    private void exited(Thread t) {
        synchronized (lock) {
            started.remove(t);
            if (!closed && active > started.size()) {
                try {
                    startThread();
                } catch (RuntimeException | Error e) {
                    // Out of threads: the next submit tries again.
                }
            }
        }
    }

    private void startThread() {
        Thread t = threads.newThread(this::work);
        t.start();
        started.add(t);
    }

    private void finished() {
        synchronized (lock) {
            active--;
        }
    }

    /**
     * Stops the threads: idle ones end now, busy ones after their request (which the caller cuts by closing the
     * HTTP client). Jobs not yet started are cancelled.
     */
    void close() {
        List<Thread> all;
        synchronized (lock) {
            closed = true;
            all = new ArrayList<>(started);
        }
        for (Thread t : all) {
            t.interrupt();
        }
        List<Job> left = new ArrayList<>();
        jobs.drainTo(left);
        for (Job job : left) {
            job.cancel();
        }
    }
}
