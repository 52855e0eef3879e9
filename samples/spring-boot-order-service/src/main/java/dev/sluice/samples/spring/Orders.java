package dev.sluice.samples.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

import java.io.UncheckedIOException;
import java.net.ConnectException;

/** The order service's business: ordinary requests, a flaky dependency, a rejected payment. */
@Service
class Orders {

    private static final Logger log = LoggerFactory.getLogger(Orders.class);
    private static final Logger inventory = LoggerFactory.getLogger("com.shop.inventory.InventoryClient");
    /** Slower than sluice.collapse-repeats (200ms), so ordinary lines are never folded. */
    private static final long MILLIS_BETWEEN_ORDERS = 250;

    private int logged;

    /** MDC fields, a key=value line and a JSON line: with extraction on, their values become fields. */
    void place(Order order) throws InterruptedException {
        try (MDC.MDCCloseable request = MDC.putCloseable("requestId", "req-" + order.id());
             MDC.MDCCloseable user = MDC.putCloseable("user", order.user())) {
            log.info("order {} received from {}", order.id(), order.user());
            log.info("order placed order_id={} user={} amount={} currency=EUR", order.id(), order.user(),
                    order.amount());
            log.info("{}", "{\"event\":\"payment_captured\",\"order_id\":" + order.id() + ",\"amount\":"
                    + order.amount() + "}");
            log.atInfo().addKeyValue("order_id", order.id()).addKeyValue("carrier", "ups").log("order shipped");
            logged += 4;
        }
        Thread.sleep(MILLIS_BETWEEN_ORDERS);
    }

    /** The same warning on every retry: sluice.collapse-repeats ships it once, with a count. */
    void inventoryOutage(int retries) {
        for (int retry = 1; retry <= retries; retry++) {
            inventory.warn("inventory service unreachable, retry {}", retry);
        }
        logged += retries;
    }

    /** An exception with its causes, shipped as the stack_trace field. */
    void reject(Order order) {
        try (MDC.MDCCloseable request = MDC.putCloseable("requestId", "req-" + order.id())) {
            try {
                reserveStock(order);
            } catch (IllegalStateException e) {
                log.error("order {} rejected", order.id(), e);
                logged++;
            }
        }
    }

    int logged() {
        return logged;
    }

    private static void reserveStock(Order order) {
        UncheckedIOException cause = new UncheckedIOException("stock reservation failed",
                new ConnectException("connection refused: inventory:8080"));
        throw new IllegalStateException("order " + order.id() + " cannot be fulfilled", cause);
    }
}
