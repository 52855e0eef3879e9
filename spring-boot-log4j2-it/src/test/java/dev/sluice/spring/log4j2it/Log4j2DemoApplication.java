package dev.sluice.spring.log4j2it;

import jakarta.annotation.PreDestroy;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A minimal Spring Boot application on Log4j2: logs a line when its bean starts and one in {@code @PreDestroy}. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class Log4j2DemoApplication {
    static final String APP_LINE = "inventory service ready";
    static final String PRE_DESTROY_LINE = "inventory service closing";

    @Bean
    InventoryService inventoryService() {
        return new InventoryService();
    }

    static class InventoryService {
        // Not static: each test stops Log4j2's LoggerContext, and a static logger would keep the stopped one.
        private final Logger log = LogManager.getLogger(InventoryService.class);

        InventoryService() {
            log.info(APP_LINE);
        }

        @PreDestroy
        void close() {
            log.info(PRE_DESTROY_LINE);
        }
    }
}
