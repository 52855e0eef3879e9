package dev.sluice.transport.sls;

import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import dev.sluice.encode.EncodedEvent;
import dev.sluice.testkit.SendAndWait;
import dev.sluice.testkit.sls.ReceivedLog;
import dev.sluice.testkit.sls.SlsReceiver;
import dev.sluice.transport.Batch;
import dev.sluice.transport.SendOutcome;
import dev.sluice.transport.TransportException;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SLS transport on its own with several batches in flight (as the pipeline hands them over, up to
 * {@code maxInFlight}): really concurrent requests, each batch resumed from its own marks, I/O threads only as
 * many as sends ran at once, one client replacement when several threads hit an Error on it, and close.
 */
class SlsTransportConcurrencyIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "s3cr3t-concurrency";

    private SlsReceiver receiver;
    private SlsTransport transport;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        receiver = SlsReceiver.builder().port(0).key("AKID", SECRET).start();
    }

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        receiver.close();
    }

    @Test
    void batchesHandedOverTogetherAreInFlightAtOnceEachOnItsOwnThreadAndNoMoreThreadsThanThat() throws Exception {
        transport = transport(4096, UnaryOperator.identity());
        receiver.holdAnswers();
        List<Outcome> outcomes = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            outcomes.add(send(batch("b" + b + "-", 3)));
        }

        receiver.awaitHeldAnswers(4, WAIT); // four requests arrived, none answered yet
        assertThat(outcomes).noneMatch(Outcome::isDone);
        assertThat(transport.ioThreads()).isEqualTo(4);

        receiver.releaseAnswers();
        for (Outcome o : outcomes) {
            assertThat(o.await()).isNull();
            assertThat(o.batch.deliveredCount()).isEqualTo(3);
        }
        // One at a time from now on: a thread that reported is free again, so none is added.
        for (int i = 0; i < 6; i++) {
            SendAndWait.send(transport, batch("later" + i + "-", 1), WAIT);
        }
        assertThat(transport.ioThreads()).isEqualTo(4);
        assertThat(receiver.mostRequestsAtOnce()).isEqualTo(4);
        assertThat(receiver.logs("shop", "backend")).hasSize(4 * 3 + 6);
    }

    /**
     * Two batches, each sent in two requests (two logs per request here), fail at the same time in their second
     * request: the retryable one resumes with only its undelivered logs, the other is not touched by that retry.
     */
    @Test
    void eachBatchResumesFromItsOwnMarksWhileOthersFailOrSucceedBesideIt() throws Exception {
        transport = transport(2, UnaryOperator.identity());
        receiver.failNextCarrying(1, "message", "A2", 503, "ServerBusy", "try later");
        receiver.failNextCarrying(1, "message", "B3", 401, "Unauthorized", "key disabled");
        receiver.failNextCarrying(1, "message", "C0", 400, "RequestTimeExpired", "expired");
        receiver.holdAnswers();
        Batch a = batch("A", 4);
        Batch b = batch("B", 4);
        Batch c = batch("C", 4);
        Outcome sentA = send(a);
        Outcome sentB = send(b);
        Outcome sentC = send(c);
        receiver.awaitHeldAnswers(3, WAIT); // the first request of each batch is in flight at once
        receiver.releaseAnswers();

        TransportException failedA = sentA.await();
        TransportException failedB = sentB.await();
        assertThat(sentC.await()).as("RequestTimeExpired is re-signed and resent at once").isNull();
        assertThat(failedA).isNotNull();
        assertThat(failedA.isRetryable()).isTrue();
        assertThat(failedB).isNotNull();
        assertThat(failedB.isRetryable()).isFalse();
        assertThat(failedB.getMessage()).contains("Unauthorized").contains("access key id AKID");
        assertThat(pending(a)).containsExactly(2, 3);
        assertThat(pending(b)).containsExactly(2, 3);

        SendAndWait.send(transport, a, WAIT); // the pipeline's retry of A

        assertThat(messages()).containsExactlyInAnyOrder("A0", "A1", "A2", "A3", "B0", "B1", "C0", "C1", "C2", "C3");
        assertThat(pending(b)).as("B untouched by A's retry").containsExactly(2, 3);
        assertThat(receiver.requests()).filteredOn(r -> r.status() == 200).extracting(r -> r.logCount())
                .containsOnly(2);
    }

    @Test
    void anErrorOnSeveralThreadsAtOnceReplacesTheClientOnceAndLaterSendsWork() throws Exception {
        CyclicBarrier bothWriting = new CyclicBarrier(2);
        AtomicInteger errorsLeft = new AtomicInteger(2);
        transport = transport(4096, entity -> new HttpEntityWrapper(entity) {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                if (errorsLeft.getAndDecrement() > 0) {
                    try {
                        bothWriting.await(30, TimeUnit.SECONDS); // both requests hold the same client
                    } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                        throw new IOException(e);
                    }
                    throw new NoClassDefFoundError("injected by the test");
                }
                super.writeTo(out);
            }
        });
        Outcome first = send(batch("x", 1));
        Outcome second = send(batch("y", 1));
        assertThat(first.await()).isNotNull().satisfies(e -> assertThat(e.isRetryable()).isTrue());
        assertThat(second.await()).isNotNull().satisfies(e -> assertThat(e.isRetryable()).isTrue());

        assertThat(warnings).filteredOn(w -> w.contains("new HTTP client")).hasSize(1);
        List<Outcome> after = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            after.add(send(batch("after" + i + "-", 1)));
        }
        for (Outcome o : after) {
            assertThat(o.await()).isNull();
        }
        assertThat(receiver.logs("shop", "backend")).hasSize(6);
    }

    @Test
    void closeFailsTheSendsStillInFlightOnceAndEndsTheThreads() throws Exception {
        transport = transport(4096, UnaryOperator.identity());
        receiver.holdAnswers();
        Outcome held = send(batch("held", 2));
        receiver.awaitHeldAnswers(1, WAIT);

        transport.close();

        TransportException failure = held.await();
        assertThat(failure).isNotNull();
        assertThat(failure.isRetryable()).isTrue();
        assertThat(held.reports.get()).isEqualTo(1);
        await().atMost(WAIT).until(() -> transport.ioThreads() == 0);
        Outcome late = send(batch("late", 1));
        assertThat(late.await()).isNotNull().satisfies(e -> assertThat(e.getMessage()).contains("closed"));
        receiver.releaseAnswers();
    }

    // ---- helpers ----

    private SlsTransport transport(int maxLogsPerRequest, UnaryOperator<HttpEntity> bodies) {
        Options o = new Options()
                .set("endpoint", receiver.endpoint())
                .set("project", "shop")
                .set("logstore", "backend")
                .set("accessKeyId", "AKID")
                .set("accessKeySecret", SECRET)
                .set("connectTimeout", "2s")
                .set("requestTimeout", "60s");
        OptionReader reader = new OptionReader(o);
        SlsOptions options = SlsOptions.read(reader);
        assertThat(reader.errors()).isEmpty();
        SlsTransport t = new SlsTransport(options, "concurrency-it", TestLogs.warningsInto(warnings), maxLogsPerRequest,
                10 * 1024 * 1024, bodies);
        t.connect();
        return t;
    }

    /** What one send reported, and how often. */
    private static final class Outcome implements SendOutcome {
        final Batch batch;
        final CompletableFuture<TransportException> result = new CompletableFuture<>();
        final AtomicInteger reports = new AtomicInteger();

        Outcome(Batch batch) {
            this.batch = batch;
        }

        @Override
        public void completed(Batch b) {
            reports.incrementAndGet();
            result.complete(null);
        }

        @Override
        public void failed(Batch b, TransportException failure) {
            reports.incrementAndGet();
            result.complete(failure);
        }

        boolean isDone() {
            return result.isDone();
        }

        /** The failure, or null when completed. */
        TransportException await() throws Exception {
            return result.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Outcome send(Batch batch) {
        Outcome o = new Outcome(batch);
        transport.send(batch, o);
        return o;
    }

    private static List<Integer> pending(Batch batch) {
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.isPending(i)) {
                pending.add(i);
            }
        }
        return pending;
    }

    private List<String> messages() {
        List<String> messages = new ArrayList<>();
        for (ReceivedLog l : receiver.logs("shop", "backend")) {
            messages.add(l.get("message"));
        }
        return messages;
    }

    /** {@code n} events, messages {@code prefix0} .. {@code prefix(n-1)}. */
    private static Batch batch(String prefix, int n) {
        Batch b = new Batch(n);
        for (int i = 0; i < n; i++) {
            b.add(new EncodedEvent(TestLogs.log(prefix + i), System.currentTimeMillis(), "INFO"));
        }
        return b;
    }


}
