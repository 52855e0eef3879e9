package dev.sluice.spring.app;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A minimal Spring Boot application: logs a line when its bean starts and one in {@code @PreDestroy}. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DemoApplication {
    public static final String APP_LINE = "order service ready";
    public static final String PRE_DESTROY_LINE = "order service closing";

    @Bean
    OrderService orderService() {
        return new OrderService();
    }

    public static class OrderService {
        private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

        OrderService() {
            LOG.info(APP_LINE);
        }

        @PreDestroy
        void close() {
            LOG.info(PRE_DESTROY_LINE);
        }
    }
}
