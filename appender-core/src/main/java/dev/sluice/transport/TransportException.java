package dev.sluice.transport;

/** A failed delivery. Its message is shown to users as is, so it must never contain a secret. */
public class TransportException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public TransportException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public TransportException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    /** Whether sending the same batch again may succeed (network trouble, overload) or not (bad request). */
    public boolean isRetryable() {
        return retryable;
    }
}
