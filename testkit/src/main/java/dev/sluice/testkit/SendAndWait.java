package dev.sluice.testkit;

import dev.sluice.transport.Batch;
import dev.sluice.transport.SendOutcome;
import dev.sluice.transport.Transport;
import dev.sluice.transport.TransportException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drives a transport the way the pipeline does, for one batch, and waits for its outcome: for tests of a
 * transport on its own. Calls {@link Transport#checkOverdue()} while waiting, as the pipeline would.
 */
public final class SendAndWait {

    private SendAndWait() {
    }

    /**
     * Sends the batch and returns once it completed.
     *
     * @throws TransportException the failure the transport reported
     * @throws AssertionError when no outcome is reported within {@code timeout}
     */
    public static void send(Transport transport, Batch batch, Duration timeout) throws TransportException {
        CompletableFuture<TransportException> outcome = new CompletableFuture<>();
        transport.send(batch, new SendOutcome() {
            @Override
            public void completed(Batch b) {
                outcome.complete(null);
            }

            @Override
            public void failed(Batch b, TransportException failure) {
                outcome.complete(failure);
            }
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        TransportException failure;
        for (;;) {
            try {
                failure = outcome.get(Transport.OVERDUE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("no outcome from " + transport.describe() + " within " + timeout);
                }
                transport.checkOverdue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + transport.describe(), e);
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
        }
        if (failure != null) {
            throw failure;
        }
        // As the pipeline does: a completed batch's events not rejected are delivered.
        for (int i = 0; i < batch.size(); i++) {
            batch.delivered(i);
        }
    }
}
