package dev.sluice.testkit.sls;

/**
 * A request the receiver refuses, by the HTTP layer (a malformed or oversized head, no length) or by the
 * PutLogs checks: the HTTP status and the SLS error code and message it is answered with.
 */
final class SlsError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    SlsError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
