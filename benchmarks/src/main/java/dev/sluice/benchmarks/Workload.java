package dev.sluice.benchmarks;

import java.math.BigDecimal;
import java.util.concurrent.ThreadLocalRandom;

/** The log call every benchmark makes, and realistic arguments for it. */
public final class Workload {
    public static final String LOGGER = "com.example.shop.OrderService";
    public static final String TEMPLATE = "order {} placed by user={} amount={}";
    public static final String MDC_REQUEST_ID = "requestId";
    public static final String MDC_TENANT = "tenant";
    /** A typical application thread name, for events built outside a real log call. */
    public static final String THREAD_NAME = "http-nio-8080-exec-7";

    private static final String[] USERS = {"alice", "bob", "carol.smith", "dave_1984", "erin@example.com",
            "frank", "grace.hopper", "heidi"};

    private Workload() {
    }

    /** A user name from a small fixed set (the application would hold such strings already). */
    public static String user(long i) {
        return USERS[(int) (i & 7)];
    }

    /** A fresh BigDecimal per event, as an application computing an amount would have. */
    public static BigDecimal amount(long i) {
        return BigDecimal.valueOf(1_00 + (i * 7919) % 99_999_00, 2);
    }

    /** A fresh, non-cached Long order id. */
    public static Long orderId(long i) {
        return 1_000_000_000L + i;
    }

    public static String requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new java.util.UUID(r.nextLong(), r.nextLong()).toString();
    }
}
