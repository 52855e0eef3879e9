package dev.sluice.transport.rabbitmq;

import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import dev.sluice.transport.Batch;
import dev.sluice.transport.SendOutcome;
import dev.sluice.transport.TransportException;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The publisher confirms of one channel, for every batch published on it and not yet settled: which
 * events each publish sequence number carries, which were acked (marked delivered at once) or nacked.
 * A batch is reported when its last message is confirmed: completed, or failed if any was nacked, so
 * that the retry republishes only those. Batches are published back to back without waiting, so that
 * the broker is never idle while Sluice prepares the next one. When the channel closes, or a confirm is
 * overdue, every batch still waiting fails (retryable: unconfirmed messages are republished, at least
 * once). Confirms arrive on amqp-client's connection thread; outcomes are reported outside the lock.
 */
final class ConfirmWindow implements ConfirmListener, ShutdownListener {

    /** One send of a batch on this channel. */
    static final class Flight {
        /** The channel's window it is published on; changed only by the sender thread, see {@link #adopt}. */
        ConfirmWindow window;
        final Batch batch;
        final SendOutcome outcome;
        final long deadlineNanos;
        int unconfirmed;
        int nacked;
        boolean published;
        boolean reported;

        Flight(ConfirmWindow window, Batch batch, SendOutcome outcome, long deadlineNanos) {
            this.window = window;
            this.batch = batch;
            this.outcome = outcome;
            this.deadlineNanos = deadlineNanos;
        }
    }

    private static final class Message {
        final Flight flight;
        final int[] indices;

        Message(Flight flight, int[] indices) {
            this.flight = flight;
            this.indices = indices;
        }
    }

    private final String target;
    private final long confirmTimeoutNanos;
    private final NavigableMap<Long, Message> unconfirmed = new TreeMap<>();
    private final List<Flight> flights = new ArrayList<>();
    private String closedBecause;

    ConfirmWindow(String target, long confirmTimeoutNanos) {
        this.target = target;
        this.confirmTimeoutNanos = confirmTimeoutNanos;
    }

    /** A new send of {@code batch}, whose messages follow through {@link #expect}. */
    synchronized Flight begin(Batch batch, SendOutcome outcome) {
        Flight flight = new Flight(this, batch, outcome, System.nanoTime() + confirmTimeoutNanos);
        flights.add(flight);
        return flight;
    }

    /**
     * The message with sequence number {@code seq} carries the flight's events {@code indices}; called before
     * publishing, since its confirm may arrive before basicPublish returns.
     */
    synchronized void expect(Flight flight, long seq, int... indices) {
        unconfirmed.put(seq, new Message(flight, indices));
        flight.unconfirmed++;
    }

    /** The publish with sequence number {@code seq} did not happen. */
    synchronized void forget(long seq) {
        Message m = unconfirmed.remove(seq);
        if (m != null) {
            m.flight.unconfirmed--;
        }
    }

    /** Everything of the flight is published: it is reported once its last confirm arrives (maybe now). */
    void published(Flight flight) {
        List<Flight> done = new ArrayList<>(1);
        synchronized (this) {
            flight.published = true;
            if (flight.unconfirmed == 0) {
                take(flight, done);
            }
        }
        report(done, null);
    }

    /** Why the channel closed, or null while it is open. */
    synchronized String closedBecause() {
        return closedBecause;
    }

    /** Whether a flight waits for a confirm past its deadline. */
    synchronized boolean overdue(long now) {
        for (Flight f : flights) {
            if (!f.reported && f.deadlineNanos - now < 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether every flight was reported. */
    synchronized boolean isEmpty() {
        return flights.isEmpty();
    }

    /**
     * Waits (bounded) until every message published on this channel is confirmed; for the rare publish
     * amqp-client refuses mid-batch, after which the channel's sequence numbers are off by one.
     */
    synchronized boolean awaitConfirmed(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!unconfirmed.isEmpty() && closedBecause == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return unconfirmed.isEmpty() && closedBecause == null;
    }

    /** Takes a fully confirmed, not yet published flight away from this channel, to go on on another. */
    synchronized void release(Flight flight) {
        flights.remove(flight);
    }

    /** Continues a flight released by another channel's window. */
    synchronized void adopt(Flight flight) {
        flight.window = this;
        flights.add(flight);
    }

    @Override
    public void handleAck(long deliveryTag, boolean multiple) {
        confirm(deliveryTag, multiple, true);
    }

    @Override
    public void handleNack(long deliveryTag, boolean multiple) {
        confirm(deliveryTag, multiple, false);
    }

    private void confirm(long tag, boolean multiple, boolean ack) {
        List<Flight> done = new ArrayList<>(2);
        synchronized (this) {
            NavigableMap<Long, Message> confirmed = multiple ? unconfirmed.headMap(tag, true)
                    : unconfirmed.subMap(tag, true, tag, true);
            for (Message m : confirmed.values()) {
                Flight f = m.flight;
                if (ack) {
                    for (int i : m.indices) {
                        f.batch.delivered(i);
                    }
                } else {
                    f.nacked += m.indices.length;
                }
                f.unconfirmed--;
                if (f.unconfirmed == 0 && f.published) {
                    take(f, done);
                }
            }
            confirmed.clear();
            notifyAll();
        }
        report(done, null);
    }

    /** The channel closed: every flight still waiting fails, retryable. */
    @Override
    public void shutdownCompleted(ShutdownSignalException cause) {
        failAll(new TransportException("Publishing to " + target + " failed: " + RabbitMqTransport.reason(cause), true));
    }

    /** Fails every flight not yet reported (retryable); no confirm is expected on this channel any more. */
    void failAll(TransportException failure) {
        List<Flight> done;
        synchronized (this) {
            if (closedBecause == null) {
                closedBecause = failure.getMessage();
            }
            unconfirmed.clear();
            done = new ArrayList<>(flights);
            for (Flight f : done) {
                f.reported = true;
            }
            flights.clear();
            notifyAll();
        }
        report(done, failure);
    }

    private void take(Flight f, List<Flight> done) {
        if (!f.reported) {
            f.reported = true;
            flights.remove(f);
            done.add(f);
            notifyAll();
        }
    }

    private void report(List<Flight> done, TransportException failure) {
        for (Flight f : done) {
            if (failure != null) {
                f.outcome.failed(f.batch, failure);
            } else if (f.nacked > 0) {
                // The channel stays usable; the retry republishes only these.
                f.outcome.failed(f.batch, new TransportException("RabbitMQ nacked " + f.nacked
                        + " message(s) of a batch on " + target, true));
            } else {
                f.outcome.completed(f.batch);
            }
        }
    }
}
