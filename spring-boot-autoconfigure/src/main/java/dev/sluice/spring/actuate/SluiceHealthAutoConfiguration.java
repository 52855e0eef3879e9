package dev.sluice.spring.actuate;

import dev.sluice.config.Backend;
import dev.sluice.spring.SluiceAutoConfiguration;
import dev.sluice.spring.SluicePipelines;
import dev.sluice.spring.SluiceProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health of each backend on Spring Boot 4's health API ({@code org.springframework.boot.health}):
 * one contributor {@code sluice} with a component per backend. Boot 3.5's API lives in another
 * package; {@code sluice-spring-boot3-compat} covers it.
 */
@AutoConfiguration(after = SluiceAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(SluicePipelines.class)
public class SluiceHealthAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "sluiceHealthContributor")
    public CompositeHealthContributor sluiceHealthContributor(SluicePipelines pipelines, SluiceProperties properties) {
        Map<String, HealthIndicator> byBackend = new LinkedHashMap<>();
        BackendHealth judge = new BackendHealth(properties.getHealth().getDownAfter(), Clock.systemUTC());
        for (Backend backend : pipelines.pipelines().keySet()) {
            byBackend.put(backend.key(), () -> {
                BackendHealth.Assessment a = judge.assess(pipelines.totals(backend));
                return (a.down() ? Health.down() : Health.up()).withDetails(a.details()).build();
            });
        }
        return CompositeHealthContributor.fromMap(byBackend);
    }
}
