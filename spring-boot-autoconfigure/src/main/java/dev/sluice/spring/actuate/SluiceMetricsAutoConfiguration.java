package dev.sluice.spring.actuate;

import dev.sluice.spring.SluiceAutoConfiguration;
import dev.sluice.spring.SluicePipelines;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Micrometer meters of Sluice's pipelines, when Micrometer is on the class path (Boot binds every MeterBinder bean). */
@AutoConfiguration(after = SluiceAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
@ConditionalOnBean(SluicePipelines.class)
public class SluiceMetricsAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    public SluiceMeterBinder sluiceMeterBinder(SluicePipelines pipelines) {
        return new SluiceMeterBinder(pipelines);
    }
}
