package dev.sluice.samples.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.sluice.logback.SluiceAppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * An order service that logs through SLF4J; {@code logback.xml} ships every line to RabbitMQ and SLS.
 * Run it with a broker on localhost, or through the demo ({@code ./demo}), which starts embedded backends.
 */
public final class OrderServiceApplication {

    private OrderServiceApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        List<SluiceAppenderBase> sluiceAppenders = sluiceAppenders(logging);

        OrderService service = new OrderService();
        for (int i = 1; i <= orders; i++) {
            service.placeOrder(1000 + i, i % 2 == 0 ? "alice" : "bob");
            System.out.println("order service: order " + i + "/" + orders + " placed");
        }
        service.inventoryOutage(200);
        service.rejectOrder(2000, "carol");
        System.out.println("order service: " + service.logged() + " events logged");

        // Stopping Logback drains Sluice's queues: what was logged is delivered (or counted) before the JVM exits.
        // Applications without such a call get the same from <shutdownHook/> in logback.xml.
        logging.stop();
        for (SluiceAppenderBase appender : sluiceAppenders) {
            System.out.println("Sluice " + appender.getName() + ": " + appender.getStats());
        }
    }

    private static List<SluiceAppenderBase> sluiceAppenders(LoggerContext logging) {
        List<SluiceAppenderBase> found = new ArrayList<>();
        logging.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(appender -> {
            if (appender instanceof SluiceAppenderBase) {
                found.add((SluiceAppenderBase) appender);
            }
        });
        return found;
    }
}
