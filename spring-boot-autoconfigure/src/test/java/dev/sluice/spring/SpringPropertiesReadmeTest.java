package dev.sluice.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.Backend;
import dev.sluice.config.OptionCatalogue;
import dev.sluice.config.OptionSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's table of the properties only Spring Boot has (everything else is an option of the
 * configuration reference, whose rows name their Spring property) is generated from the metadata Boot's
 * configuration processor wrote. Run with {@code -Dsluice.regenerate=true} to rewrite it.
 */
class SpringPropertiesReadmeTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern BLOCK = Pattern.compile(
            "(<!-- sluice:spring-properties -->\\n)(.*?)(<!-- /sluice:spring-properties -->)", Pattern.DOTALL);

    /** Spring property names that are catalogue options (under sluice. or a backend). */
    private static Set<String> optionProperties() {
        Set<String> names = new HashSet<>();
        for (OptionSpec spec : OptionCatalogue.all()) {
            if (spec.shared()) {
                names.add("sluice." + spec.kebabName());
            }
            for (Backend backend : Backend.values()) {
                if (spec.appliesTo(backend)) {
                    names.add("sluice." + backend.key() + "." + spec.kebabName());
                }
            }
        }
        return names;
    }

    static String table() throws IOException {
        JsonNode root = new ObjectMapper().readTree(
                Path.of("target/classes/META-INF/spring-configuration-metadata.json").toFile());
        Set<String> options = optionProperties();
        StringBuilder sb = new StringBuilder("| property | default | meaning |\n|---|---|---|\n");
        for (JsonNode p : root.path("properties")) {
            String name = p.path("name").asText();
            if (options.contains(name) && !name.endsWith(".identity")) {
                continue;
            }
            boolean map = p.path("type").asText().startsWith("java.util.Map");
            JsonNode d = p.path("defaultValue");
            String shown = d.isMissingNode() || d.isNull() ? "none"
                    : "`" + (d.isArray() ? arrayText(d) : d.asText()) + "`";
            sb.append("| `").append(name).append(map ? ".*" : "").append("` | ").append(shown).append(" | ")
                    .append(p.path("description").asText().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    private static String arrayText(JsonNode array) {
        StringBuilder sb = new StringBuilder();
        array.forEach(v -> sb.append(sb.length() == 0 ? "" : ",").append(v.asText()));
        return sb.toString();
    }

    @Test
    void theReadmeListsEverySpringOnlyPropertyAsTheMetadataDocumentsIt() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher m = BLOCK.matcher(readme);
        assertThat(m.find()).as("README has a <!-- sluice:spring-properties --> block").isTrue();
        String expected = readme.substring(0, m.start(2)) + table() + readme.substring(m.end(2));
        if (Boolean.getBoolean("sluice.regenerate")) {
            Files.writeString(README, expected, StandardCharsets.UTF_8);
            return;
        }
        assertThat(readme).as("README's Spring Boot property table differs from the generated metadata; regenerate it "
                + "with ./mvnw -pl spring-boot-autoconfigure test -Dtest=SpringPropertiesReadmeTest "
                + "-Dsluice.regenerate=true").isEqualTo(expected);
    }
}
