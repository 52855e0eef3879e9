package dev.sluice.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.Backend;
import dev.sluice.config.OptionCatalogue;
import dev.sluice.config.OptionSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata Boot's configuration processor generated (what IDEs complete and document) lists every
 * catalogue option with its description and default: shared ones under {@code sluice.} and under each
 * backend, backend-only ones under their backend.
 */
class ConfigurationMetadataTest {
    private static final Map<String, JsonNode> PROPERTIES = new HashMap<>();
    private static final Map<String, List<String>> HINTS = new HashMap<>();

    @BeforeAll
    static void read() throws IOException {
        JsonNode root = new ObjectMapper().readTree(
                Path.of("target/classes/META-INF/spring-configuration-metadata.json").toFile());
        root.path("properties").forEach(p -> PROPERTIES.put(p.path("name").asText(), p));
        root.path("hints").forEach(h -> {
            List<String> values = new ArrayList<>();
            h.path("values").forEach(v -> values.add(v.path("value").asText()));
            HINTS.put(h.path("name").asText(), values);
        });
    }

    @Test
    void everyCatalogueOptionIsAPropertyWithDescriptionAndDefault() {
        int checked = 0;
        for (OptionSpec spec : OptionCatalogue.all()) {
            if (spec == OptionCatalogue.IDENTITY) {
                continue;
            }
            if (spec.shared()) {
                check("sluice." + spec.kebabName(), spec, spec.defaultValue());
                checked++;
            }
            for (Backend backend : Backend.values()) {
                if (spec.appliesTo(backend)) {
                    check("sluice." + backend.key() + "." + spec.kebabName(), spec, spec.defaultValue(backend));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(OptionCatalogue.all().size());
    }

    @Test
    void identityAndTheIntegrationsOwnProperties() {
        for (String name : List.of("sluice.enabled", "sluice.strict", "sluice.identity", "sluice.loggers",
                "sluice.rabbitmq.enabled", "sluice.rabbitmq.level", "sluice.rabbitmq.identity",
                "sluice.sls.enabled", "sluice.sls.level", "sluice.sls.identity")) {
            assertThat(PROPERTIES).as(name).containsKey(name);
            assertThat(PROPERTIES.get(name).path("description").asText()).as(name).isNotBlank();
        }
        assertThat(PROPERTIES.get("sluice.enabled").path("defaultValue").asBoolean()).isTrue();
        assertThat(PROPERTIES.get("sluice.loggers").path("defaultValue").get(0).asText()).isEqualTo("ROOT");
    }

    @Test
    void sizesAndDurationsUseBootsTypes() {
        assertThat(PROPERTIES.get("sluice.max-queue-bytes").path("type").asText())
                .isEqualTo("org.springframework.util.unit.DataSize");
        assertThat(PROPERTIES.get("sluice.sls.linger").path("type").asText()).isEqualTo("java.time.Duration");
    }

    private static void check(String name, OptionSpec spec, String expectedDefault) {
        assertThat(PROPERTIES).as("metadata for %s", name).containsKey(name);
        JsonNode property = PROPERTIES.get(name);
        assertThat(property.path("description").asText()).as("description of %s", name).isNotBlank();
        JsonNode actualDefault = property.get("defaultValue");
        if (expectedDefault == null) {
            assertThat(actualDefault).as("default of %s", name).isNull();
        } else {
            assertThat(actualDefault).as("default of %s", name).isNotNull();
            String text = actualDefault.isArray() ? join(actualDefault) : actualDefault.asText();
            assertThat(text).as("default of %s", name).isEqualTo(expectedDefault);
        }
        if (!spec.allowedValues().isEmpty()) {
            assertThat(HINTS.get(name)).as("hints of %s", name).containsExactlyElementsOf(spec.allowedValues());
        }
    }

    private static String join(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(",", values);
    }
}
