package dev.sluice.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The bean side of the integration. The appenders themselves are attached much earlier, by
 * {@link SluiceLoggingListener}, before any bean exists; this exposes what it started.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "sluice", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(SluiceProperties.class)
public class SluiceAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    public SluicePipelines sluicePipelines() {
        return new SluicePipelines();
    }
}
