package dev.sluice.samples.log4j2;

import dev.sluice.log4j2.SluiceAppenderBase;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;

import java.util.ArrayList;
import java.util.List;

/**
 * An order service that logs through the Log4j2 API; {@code log4j2.xml} ships every line to RabbitMQ and SLS.
 * Run it with a broker on localhost, or through the demo ({@code ./demo}), which starts embedded backends.
 */
public final class OrderServiceApplication {

    private OrderServiceApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        List<SluiceAppenderBase> sluiceAppenders = new ArrayList<>();
        for (Appender appender : logging.getConfiguration().getAppenders().values()) {
            if (appender instanceof SluiceAppenderBase) {
                sluiceAppenders.add((SluiceAppenderBase) appender);
            }
        }

        OrderService service = new OrderService();
        for (int i = 1; i <= orders; i++) {
            service.placeOrder(1000 + i, i % 2 == 0 ? "alice" : "bob");
            System.out.println("order service: order " + i + "/" + orders + " placed");
        }
        service.inventoryOutage(200);
        service.rejectOrder(2000, "carol");
        System.out.println("order service: " + service.logged() + " events logged");

        // Stopping Log4j2 drains Sluice's queues: what was logged is delivered (or counted) before the JVM exits.
        // Log4j2's own shutdown hook does the same for applications without this call.
        LogManager.shutdown(logging);
        for (SluiceAppenderBase appender : sluiceAppenders) {
            System.out.println("Sluice " + appender.getName() + ": " + appender.getStats());
        }
    }
}
