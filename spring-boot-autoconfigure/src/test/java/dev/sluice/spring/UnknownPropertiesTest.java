package dev.sluice.spring;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnknownPropertiesTest {

    private static List<PropertyProblem> find(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return new UnknownProperties().find(environment);
    }

    @Test
    void knownNamesInEveryRelaxedFormMapKeysAndListIndexesAreFine() {
        assertThat(find(Map.of(
                "sluice.rabbitmq.routing-key", "x",
                "sluice.rabbitmq.routingKey", "x",
                "sluice.queue-size", "1",
                "sluice.sls.batch-size", "1",
                "sluice.identity.project", "shop",
                "sluice.sls.identity.team", "a",
                "sluice.sls.tags.env", "prod",
                "sluice.loggers[0]", "com.shop",
                "sluice.fields[1]", "message",
                "sluice.rabbitmq.level", "WARN"))).isEmpty();
    }

    @Test
    void aMisspeltNameIsReportedWithTheClosestKnownProperty() {
        assertThat(find(Map.of("sluice.rabbitmq.routng-key", "x")))
                .extracting(PropertyProblem::toString)
                .containsExactly("property 'sluice.rabbitmq.routng-key': unknown property; "
                        + "did you mean 'sluice.rabbitmq.routing-key'?");
    }

    @Test
    void aBackendOptionAtTheTopIsPointedToItsBackend() {
        assertThat(find(Map.of("sluice.endpoint", "http://x")))
                .extracting(PropertyProblem::toString)
                .containsExactly("property 'sluice.endpoint': unknown property; did you mean 'sluice.sls.endpoint'?");
    }

    @Test
    void anUnknownNameLeavesNoBackendOut() {
        assertThat(find(Map.of("sluice.whatever", "x"))).singleElement()
                .satisfies(p -> assertThat(p.affectedBackends()).isEmpty());
    }

    @Test
    void environmentVariablesAreNotCheckedSinceOtherToolsShareThePrefix() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("SLUICE_FORCE_EMBEDDED_BROKER", "true")));
        assertThat(new UnknownProperties().find(environment)).isEmpty();
    }
}
