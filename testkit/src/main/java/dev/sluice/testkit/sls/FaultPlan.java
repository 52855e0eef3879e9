package dev.sluice.testkit.sls;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Faults queued by a test, handed out one per request in the order they were queued; and faults aimed at the
 * requests carrying a given log, which only those requests get (whatever order concurrent requests arrive in).
 */
final class FaultPlan {

    enum Kind { FAIL, FAIL_RAW, DELAY, DROP }

    static final class Fault {
        final Kind kind;
        final int status;
        final String errorCode;
        final String body;
        final Duration delay;

        Fault(Kind kind, int status, String errorCode, String body, Duration delay) {
            this.kind = kind;
            this.status = status;
            this.errorCode = errorCode;
            this.body = body;
            this.delay = delay;
        }
    }

    /** A fault for the next requests carrying a log whose content {@code field} is {@code value}. */
    private static final class Aimed {
        final String field;
        final String value;
        final Fault fault;
        int left;

        Aimed(String field, String value, Fault fault, int times) {
            this.field = field;
            this.value = value;
            this.fault = fault;
            this.left = times;
        }

        boolean matches(List<ReceivedLog> logs) {
            for (ReceivedLog log : logs) {
                if (value.equals(log.get(field))) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Deque<Fault> queued = new ArrayDeque<>();
    private final List<Aimed> aimed = new ArrayList<>();
    private Duration delayAll = Duration.ZERO;

    synchronized void add(int times, Fault fault) {
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0");
        }
        for (int i = 0; i < times; i++) {
            queued.add(fault);
        }
    }

    synchronized void addAimed(int times, String field, String value, Fault fault) {
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0");
        }
        if (times > 0) {
            aimed.add(new Aimed(field, value, fault, times));
        }
    }

    synchronized void delayAll(Duration delay) {
        delayAll = delay == null ? Duration.ZERO : delay;
    }

    /**
     * The fault for a request carrying {@code logs}: the first aimed at one of them (used up), else the next queued
     * one, else null for a normal answer.
     */
    synchronized Fault next(List<ReceivedLog> logs) {
        for (Iterator<Aimed> it = aimed.iterator(); it.hasNext(); ) {
            Aimed a = it.next();
            if (a.matches(logs)) {
                if (--a.left <= 0) {
                    it.remove();
                }
                return a.fault;
            }
        }
        return queued.poll();
    }

    synchronized Duration standingDelay() {
        return delayAll;
    }

    synchronized void clear() {
        queued.clear();
        aimed.clear();
        delayAll = Duration.ZERO;
    }
}
