package dev.sluice.runtime;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Own events are recognised by the logging thread's identity, from another thread, whatever its name. */
class OwnEventsTest {
    private static final String AMQP_LOGGER = "com.rabbitmq.client.impl.AMQConnection";
    private static final String HTTP_LOGGER = "org.apache.hc.client5.http.headers";

    @Test
    void anEventOfARenamedSluiceThreadIsOwnWhenJudgedOnAnotherThread() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread ours = SluiceThread.factory("sluice-test-amqp").newThread(() -> {
            started.countDown();
            awaitQuietly(release);
        });
        // amqp-client renames the threads it gets from our factory.
        ours.setName("AMQP Connection 127.0.0.1:5672");
        ours.start();
        started.await();
        try {
            assertThat(OwnEvents.isOwn(AMQP_LOGGER, -1, "AMQP Connection 127.0.0.1:5672")).isTrue();
            assertThat(OwnEvents.isOwn(AMQP_LOGGER, ours.getId(), "AMQP Connection 127.0.0.1:5672")).isTrue();
            assertThat(OwnEvents.isOwn(HTTP_LOGGER, ours.getId(), null)).isTrue();
            // The application's own loggers are never judged by thread: cheap, and never a false drop.
            assertThat(OwnEvents.isOwn("com.shop.Orders", ours.getId(), "AMQP Connection 127.0.0.1:5672")).isFalse();
        } finally {
            release.countDown();
            ours.join();
        }
    }

    @Test
    void anApplicationThreadNamedLikeSluiceIsNotOwn() throws Exception {
        Thread ours = SluiceThread.create("sluice-orders", () -> { });
        AtomicBoolean judged = new AtomicBoolean(true);
        Thread app = new Thread(() -> judged.set(OwnEvents.isOwn(AMQP_LOGGER, -1, "sluice-worker")
                || OwnEvents.isOwn("com.shop.Orders", Thread.currentThread().getId(), "sluice-orders")
                || OwnEvents.isOwn(AMQP_LOGGER, Thread.currentThread().getId(), "sluice-orders")), "sluice-orders");
        app.start();
        app.join();
        assertThat(judged).isFalse();
        assertThat(ours.getName()).isEqualTo("sluice-orders");
    }

    @Test
    void everythingLoggedOnASluiceThreadItselfIsOwn() throws Exception {
        AtomicBoolean judged = new AtomicBoolean();
        Thread ours = SluiceThread.create("sluice-sync", () -> judged.set(OwnEvents.isOwn("any.Logger", -1, null)));
        ours.start();
        ours.join();
        assertThat(judged).isTrue();
        assertThat(OwnEvents.isOwn("any.Logger", -1, null)).isFalse();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
