package dev.sluice.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import dev.sluice.pipeline.DropReason;
import dev.sluice.pipeline.PipelineStats;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real appender with the backend down, several threads logging into a small queue: every logged
 * event is either accepted or dropped-and-counted (nothing in between), the queue never holds more
 * than its bound, and at stop everything accepted is accounted for as failed or dropped.
 */
class BackendDownAccountingIT {
    private static final int QUEUE_SIZE = 64;
    private static final int THREADS = 4;
    private static final int PER_THREAD = 2_500;

    private LogbackFixture logback;

    @AfterEach
    void tearDown() {
        if (logback != null) {
            logback.close();
        }
    }

    @Test
    void acceptedPlusDroppedIsExactlyWhatWasLoggedAndTheQueueStaysWithinItsBound() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        logback = LogbackFixture.configure("/logback-accounting.xml", Map.of(
                "AMQP_URI", "amqp://guest:guest@127.0.0.1:" + closedPort, "QUEUE_SIZE", Integer.toString(QUEUE_SIZE)));
        RabbitMqAppender appender = logback.rabbitAppender("RABBIT");
        Logger log = logback.context.getLogger("accounting");

        AtomicBoolean logging = new AtomicBoolean(true);
        AtomicInteger deepest = new AtomicInteger();
        Thread sampler = new Thread(() -> {
            while (logging.get()) {
                deepest.accumulateAndGet(appender.getStats().queueDepth(), Math::max);
            }
        }, "depth-sampler");
        sampler.start();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < PER_THREAD; i++) {
                    log.info("writer {} event {}", id, i);
                }
            }, "writer-" + t);
            writers.add(w);
            w.start();
        }
        go.countDown();
        for (Thread w : writers) {
            w.join();
        }
        logging.set(false);
        sampler.join();

        int logged = THREADS * PER_THREAD;
        PipelineStats.Snapshot running = appender.getStats();
        assertThat(running.accepted() + running.dropped(DropReason.QUEUE_FULL)).isEqualTo(logged);
        assertThat(running.dropped(DropReason.QUEUE_FULL)).isPositive();
        assertThat(running.sent()).isZero();
        assertThat(deepest.get()).isPositive().isLessThanOrEqualTo(QUEUE_SIZE);

        logback.context.stop();
        PipelineStats.Snapshot stopped = appender.getStats();
        assertThat(stopped.accepted()).isEqualTo(running.accepted());
        assertThat(stopped.queueDepth()).isZero();
        // Nothing vanished: every accepted event ended failed or dropped at shutdown.
        assertThat(stopped.failed() + stopped.dropped(DropReason.SHUTDOWN)).isEqualTo(stopped.accepted());
        assertThat(stopped.accepted() + stopped.droppedTotal() - stopped.dropped(DropReason.SHUTDOWN)).isEqualTo(logged);
    }
}
