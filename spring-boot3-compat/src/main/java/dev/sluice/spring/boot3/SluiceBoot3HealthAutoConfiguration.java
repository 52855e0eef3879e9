package dev.sluice.spring.boot3;

import dev.sluice.config.Backend;
import dev.sluice.spring.SluiceAutoConfiguration;
import dev.sluice.spring.SluicePipelines;
import dev.sluice.spring.SluiceProperties;
import dev.sluice.spring.actuate.BackendHealth;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health of each backend on Spring Boot 3.5's health API ({@code org.springframework.boot.actuate.health},
 * which Boot 4 moved to {@code org.springframework.boot.health.contributor}). The judgement is the
 * same {@link BackendHealth} as on Boot 4; only the API types differ.
 */
@AutoConfiguration(after = SluiceAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnBean(SluicePipelines.class)
public class SluiceBoot3HealthAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "sluiceHealthContributor")
    public CompositeHealthContributor sluiceHealthContributor(SluicePipelines pipelines, SluiceProperties properties) {
        BackendHealth judge = new BackendHealth(properties.getHealth().getDownAfter(), Clock.systemUTC());
        Map<String, HealthIndicator> byBackend = new LinkedHashMap<>();
        for (Backend backend : pipelines.pipelines().keySet()) {
            byBackend.put(backend.key(), () -> {
                BackendHealth.Assessment a = judge.assess(pipelines.totals(backend));
                return (a.down() ? Health.down() : Health.up()).withDetails(a.details()).build();
            });
        }
        return CompositeHealthContributor.fromMap(byBackend);
    }
}
