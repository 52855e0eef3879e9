package dev.sluice.samples.spring;

import dev.sluice.config.Backend;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.spring.SluicePipelines;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

/**
 * A Spring Boot order service; the Sluice starter and {@code application.yml} ship every line, Boot's own
 * included, to RabbitMQ and SLS. Run it with a broker on localhost, or through the demo ({@code ./demo}).
 */
@SpringBootApplication
public class OrderServiceApplication {

    public static void main(String[] args) throws InterruptedException {
        ConfigurableApplicationContext context = SpringApplication.run(OrderServiceApplication.class, args);
        Orders orders = context.getBean(Orders.class);
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        for (int i = 1; i <= count; i++) {
            orders.place(new Order(1000 + i, i % 2 == 0 ? "alice" : "bob"));
            System.out.println("order service: order " + i + "/" + count + " placed");
        }
        orders.inventoryOutage(200);
        orders.reject(new Order(2000, "carol"));
        System.out.println("order service: " + orders.logged() + " events logged");

        Map<Backend, LogPipeline> pipelines = context.getBean(SluicePipelines.class).pipelines();
        context.close();
        // Boot stops logging, which drains Sluice's queues, in its shutdown hook; doing it now lets us print
        // the final counters.
        LoggingSystem.get(OrderServiceApplication.class.getClassLoader()).getShutdownHandler().run();
        pipelines.forEach((backend, pipeline) -> System.out.println("Sluice " + backend + ": " + pipeline.stats()));
    }
}
