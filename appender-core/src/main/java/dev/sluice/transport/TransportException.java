package dev.sluice.transport;

/** A failed delivery. Its message is shown to users as is, so it must never contain a secret. */
public class TransportException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;
    private final int delivered;

    public TransportException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, cause, 0);
    }

    private TransportException(String message, boolean retryable, Throwable cause, int delivered) {
        super(message, cause);
        this.retryable = retryable;
        this.delivered = delivered;
    }

    public TransportException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    /** Whether sending the same batch again may succeed (network trouble, overload) or not (bad request). */
    public boolean isRetryable() {
        return retryable;
    }

    /**
     * How many events of the batch, from its start, the backend accepted before the failure (a
     * transport that sends one batch in several requests, and resumes after them when retried).
     */
    public int delivered() {
        return delivered;
    }

    /** This failure, noting that the first {@code events} events of the batch were delivered. */
    public TransportException withDelivered(int events) {
        TransportException copy = new TransportException(getMessage(), retryable, getCause(), events);
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
