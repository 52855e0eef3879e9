package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ArrivalLogTest {

    @Test
    void awaitSizeReturnsOnceEnoughArrivedFromAnotherThread() throws Exception {
        ArrivalLog<Integer> log = new ArrivalLog<>();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 100_000; i++) {
                log.add(i);
            }
        });
        producer.start();
        List<Integer> all = log.awaitSize(100_000, Duration.ofSeconds(10), "items");
        producer.join();
        assertThat(all).hasSize(100_000);
        assertThat(all.get(99_999)).isEqualTo(99_999);
    }

    @Test
    void awaitSizeFailsWithCountReached() {
        ArrivalLog<String> log = new ArrivalLog<>();
        log.add("a");
        assertThatThrownBy(() -> log.awaitSize(2, Duration.ofMillis(50), "items"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected at least 2 items")
                .hasMessageContaining("but got 1");
    }

    @Test
    void awaitSizeFailsFastWhenSourceClosed() {
        ArrivalLog<String> log = new ArrivalLog<>();
        log.markClosed("channel closed");
        long start = System.nanoTime();
        assertThatThrownBy(() -> log.awaitSize(1, Duration.ofSeconds(30), "items"))
                .hasMessageContaining("channel closed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void awaitQuietReturnsAfterQuietPeriod() {
        ArrivalLog<String> log = new ArrivalLog<>();
        log.add("a");
        long start = System.nanoTime();
        log.awaitQuiet(Duration.ofMillis(100), Duration.ofSeconds(5), "items");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void awaitQuietFailsWhileItemsKeepArriving() throws Exception {
        ArrivalLog<Integer> log = new ArrivalLog<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread producer = new Thread(() -> {
            while (!stop.get()) {
                log.add(1);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        producer.start();
        try {
            assertThatThrownBy(() -> log.awaitQuiet(Duration.ofMillis(200), Duration.ofMillis(500), "items"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("kept arriving");
        } finally {
            stop.set(true);
            producer.join();
        }
    }
}
