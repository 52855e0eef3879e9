package dev.sluice.samples.log4j2;

import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.net.SocketTimeoutException;
import java.util.Locale;

/** What a small order service logs in a day, in a few seconds: ordinary lines, an outage, a failure. */
final class OrderService {

    private static final Logger log = LogManager.getLogger(OrderService.class);
    private static final Logger inventory = LogManager.getLogger("com.shop.inventory.InventoryClient");
    /** Orders arrive slower than the collapse window (200ms in log4j2.xml), so their lines are never folded. */
    private static final long MILLIS_BETWEEN_ORDERS = 250;

    private int logged;

    /** An ordinary request: lines with ThreadContext, a key=value line and a JSON line, both turned into fields. */
    void placeOrder(long orderId, String user) throws InterruptedException {
        try (CloseableThreadContext.Instance request = CloseableThreadContext.put("requestId", "req-" + orderId)
                .put("user", user)) {
            log.info("order {} received from {}", orderId, user);
            log.info("order placed order_id={} user={} amount={} currency=EUR items=3", orderId, user,
                    amount(orderId));
            log.info("{}", String.format(Locale.ROOT,
                    "{\"event\":\"payment_captured\",\"order_id\":%d,\"amount\":%s,\"provider\":\"card\"}",
                    orderId, amount(orderId)));
            log.info("order {} shipped with {}", orderId, "dhl");
            logged += 4;
        }
        Thread.sleep(MILLIS_BETWEEN_ORDERS);
    }

    /** A dependency goes down and the client warns on every retry: collapseRepeats ships one line with a count. */
    void inventoryOutage(int retries) {
        for (int attempt = 1; attempt <= retries; attempt++) {
            inventory.warn("inventory service unreachable, retry {}", attempt);
            logged++;
        }
    }

    /** A failure with its cause chain, as one stack_trace field. */
    void rejectOrder(long orderId, String user) {
        try (CloseableThreadContext.Instance request = CloseableThreadContext.put("requestId", "req-" + orderId)
                .put("user", user)) {
            try {
                chargeCard(orderId);
            } catch (IllegalStateException e) {
                log.error("order {} rejected", orderId, e);
                logged++;
            }
        }
    }

    int logged() {
        return logged;
    }

    private static void chargeCard(long orderId) {
        try {
            throw new SocketTimeoutException("payment gateway did not answer within 2000 ms");
        } catch (SocketTimeoutException timeout) {
            throw new IllegalStateException("payment for order " + orderId + " failed",
                    new RuntimeException("card authorisation aborted", timeout));
        }
    }

    private static String amount(long orderId) {
        return String.format(Locale.ROOT, "%d.%02d", 10 + orderId % 90, orderId % 100);
    }
}
