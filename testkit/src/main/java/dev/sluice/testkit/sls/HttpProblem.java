package dev.sluice.testkit.sls;

/** A request the HTTP layer refuses before any handler sees it (malformed or oversized head, no length). */
final class HttpProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    HttpProblem(int status, String code, String message) {
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
