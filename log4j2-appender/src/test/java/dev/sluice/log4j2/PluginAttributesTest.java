package dev.sluice.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.Backend;
import dev.sluice.config.OptionCatalogue;
import dev.sluice.config.OptionSpec;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.status.StatusLogger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * log4j2.xml attributes are the builder fields annotated with {@link PluginBuilderAttribute}: they
 * must be exactly the catalogue's options of the backend, with the same names, secrets marked
 * sensitive, and no validation of Log4j2's own (core validates every style alike).
 */
class PluginAttributesTest {

    private static Class<?> builderOf(Backend backend) {
        return backend == Backend.RABBITMQ ? SluiceRabbitMqAppender.Builder.class : SluiceSlsAppender.Builder.class;
    }

    /** Attribute name → sensitive, for the Sluice builders' String attributes. */
    private static Map<String, Boolean> attributes(Class<?> builder) {
        Map<String, Boolean> attributes = new TreeMap<>();
        for (Class<?> c = builder; c != null && c.getPackageName().equals("dev.sluice.log4j2"); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                PluginBuilderAttribute a = f.getAnnotation(PluginBuilderAttribute.class);
                if (a != null && f.getType() == String.class) {
                    attributes.put(a.value().isEmpty() ? f.getName() : a.value(), a.sensitive());
                }
            }
        }
        return attributes;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyOptionOfTheBackendIsAnAttributeOfTheSameNameMarkedSensitiveWhenSecret(Backend backend) {
        Map<String, Boolean> declared = OptionCatalogue.forBackend(backend).stream()
                .collect(Collectors.toMap(OptionSpec::name, OptionSpec::sensitive, (a, b) -> a, TreeMap::new));
        assertThat(attributes(builderOf(backend))).isEqualTo(declared);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void noAttributeCarriesLog4j2sOwnValidation(Backend backend) {
        for (Class<?> c = builderOf(backend); c != null && c.getPackageName().equals("dev.sluice.log4j2"); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                for (Annotation a : f.getAnnotations()) {
                    assertThat(a.annotationType().getPackageName()).as(c.getSimpleName() + "." + f.getName())
                            .doesNotContain("validation");
                }
            }
        }
    }

    @Test
    void anUnknownOptionSetInCodeIsReportedWithTheClosestKnownName() {
        StatusCapture status = StatusCapture.register(Level.WARN);
        try {
            SluiceRabbitMqAppender appender = SluiceRabbitMqAppender.newBuilder().setName("typo")
                    .setOption("uri", "amqp://127.0.0.1:1").setOption("routngKey", "{level}").build();
            assertThat(appender).isNull();
            assertThat(status.allText()).contains("option 'routngKey'").contains("did you mean 'routingKey'");
        } finally {
            StatusLogger.getLogger().removeListener(status);
        }
    }
}
