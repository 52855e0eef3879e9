package dev.sluice.spring.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** An application whose start-up fails in a bean, to check that the failure is shipped. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class FailingApplication {
    public static final String FAILURE = "payment gateway unreachable at start-up";

    @Bean
    Object brokenBean() {
        throw new IllegalStateException(FAILURE);
    }
}
