package dev.sluice.pipeline;

import dev.sluice.testing.Events;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LogPipelineConcurrencyTest extends PipelineTestBase {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 25_000;

    /** A small queue makes most offers drop; a large one makes the sender drain while producers race. */
    @ParameterizedTest(name = "queueSize={0}")
    @ValueSource(ints = {1024, 200_000})
    void everyAcceptedEventIsSentExactlyOnceAndNothingGoesUncounted(int queueSize) throws Exception {
        transport.dropBodies();
        start("queueSize", String.valueOf(queueSize), "batchSize", "512", "linger", "5ms");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<String>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<String> accepted = new ArrayList<>();
                    go.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        String id = "t" + thread + "-" + i;
                        if (pipeline.offer(Events.info(id))) {
                            accepted.add(id);
                        }
                    }
                    return accepted;
                }));
            }
            go.countDown();
            Set<String> accepted = new HashSet<>();
            for (Future<List<String>> f : futures) {
                accepted.addAll(f.get(60, TimeUnit.SECONDS));
            }
            pipeline.stop();

            List<String> sent = transport.sentKeys();
            assertThat(new HashSet<>(sent)).as("no event sent twice").hasSameSizeAs(sent);
            assertThat(new HashSet<>(sent)).as("every accepted event sent").isEqualTo(accepted);

            PipelineStats.Snapshot s = pipeline.stats();
            assertThat(s.accepted()).isEqualTo(accepted.size());
            assertThat(s.sent()).isEqualTo(accepted.size());
            assertThat(s.accepted() + s.droppedTotal()).isEqualTo((long) THREADS * PER_THREAD);
            assertThat(s.droppedTotal()).isEqualTo(s.dropped(DropReason.QUEUE_FULL));
            assertThat(s.queueDepth()).isZero();
            if (queueSize > THREADS * PER_THREAD) {
                assertThat(accepted).hasSize(THREADS * PER_THREAD);
            } else {
                assertThat(s.dropped(DropReason.QUEUE_FULL)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
