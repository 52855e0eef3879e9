package dev.sluice.transport.rabbitmq;

import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import dev.sluice.transport.Batch;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The publisher confirms of one channel, message by message: which events of the batch each
 * publish sequence number carries, and which of them the broker acked or nacked. Waiting for
 * individual confirms (not {@code waitForConfirms}, which only says "some nack") is what lets a
 * retry republish only the nacked messages. One tracker per channel; acks arrive on amqp-client's
 * connection thread, marks are made on the sender thread by {@link #settle}.
 */
final class ConfirmTracker implements ConfirmListener, ShutdownListener {
    private final NavigableMap<Long, int[]> outstanding = new TreeMap<>();
    private final List<int[]> acked = new ArrayList<>();
    private int nacked;
    private boolean closed;

    /** The message with sequence number {@code seq} carries the batch's events {@code indices}. */
    synchronized void expect(long seq, int... indices) {
        outstanding.put(seq, indices);
    }

    /** The publish with sequence number {@code seq} did not happen. */
    synchronized void forget(long seq) {
        outstanding.remove(seq);
    }

    @Override
    public void handleAck(long deliveryTag, boolean multiple) {
        confirm(deliveryTag, multiple, true);
    }

    @Override
    public void handleNack(long deliveryTag, boolean multiple) {
        confirm(deliveryTag, multiple, false);
    }

    private synchronized void confirm(long tag, boolean multiple, boolean ack) {
        NavigableMap<Long, int[]> confirmed = multiple ? outstanding.headMap(tag, true)
                : outstanding.subMap(tag, true, tag, true);
        for (int[] indices : confirmed.values()) {
            if (ack) {
                acked.add(indices);
            } else {
                nacked += indices.length;
            }
        }
        confirmed.clear();
        notifyAll();
    }

    @Override
    public synchronized void shutdownCompleted(ShutdownSignalException cause) {
        closed = true;
        notifyAll();
    }

    /**
     * Waits until every expected message is confirmed, the channel closes or the timeout passes.
     * @return whether every expected message was confirmed (acked or nacked)
     */
    synchronized boolean await(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!outstanding.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return outstanding.isEmpty();
    }

    /**
     * Marks the acked events delivered; nacked and unconfirmed ones stay pending for a retry.
     * @return the number of nacked events since the last call
     */
    synchronized int settle(Batch batch) {
        for (int[] indices : acked) {
            for (int i : indices) {
                batch.delivered(i);
            }
        }
        acked.clear();
        int n = nacked;
        nacked = 0;
        outstanding.clear();
        return n;
    }
}
