package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration reference tables are generated from the catalogue: each sits between
 * {@code <!-- sluice:options GROUP -->} and {@code <!-- /sluice:options -->}. This test fails when a
 * table differs from what the catalogue says; run it with {@code -Dsluice.regenerate=true} to rewrite them.
 */
class ConfigurationReferenceTest {
    private static final Path README = Paths.get("..", "README.md");
    private static final Pattern TABLE = Pattern.compile(
            "(<!-- sluice:options (\\w+) -->\\n)(.*?)(<!-- /sluice:options -->)", Pattern.DOTALL);

    static String table(OptionGroup group) {
        StringBuilder sb = new StringBuilder("| option | Spring Boot property | default | meaning |\n|---|---|---|---|\n");
        for (OptionSpec spec : OptionCatalogue.all()) {
            if (spec.group() == group) {
                sb.append("| `").append(spec.name()).append("` | `").append(springProperty(spec)).append("` | ")
                        .append(defaultCell(spec)).append(" | ")
                        .append(spec.description().replace("|", "\\|")).append(" |\n");
            }
        }
        return sb.toString();
    }

    /** Shared options sit directly under sluice. (and may be overridden per backend); the others under their backend. */
    private static String springProperty(OptionSpec spec) {
        String keys = spec.type() == OptionType.MAP ? ".*" : ""; // a map binds its keys: sluice.identity.project
        if (spec.shared()) {
            return "sluice." + spec.kebabName() + keys;
        }
        for (Backend backend : Backend.values()) {
            if (spec.appliesTo(backend)) {
                return "sluice." + backend.key() + "." + spec.kebabName() + keys;
            }
        }
        throw new IllegalStateException(spec.name());
    }

    private static String defaultCell(OptionSpec spec) {
        String value = spec.defaultValue();
        boolean literal = value != null && !value.isEmpty() && spec.defaultDoc().equals(value);
        return literal ? "`" + value + "`" : spec.defaultDoc();
    }

    static String render(String readme) {
        Matcher m = TABLE.matcher(readme);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) + table(OptionGroup.valueOf(m.group(2))) + m.group(4);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Test
    void everyGroupHasItsGeneratedTableInTheReadme() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        for (OptionGroup group : OptionGroup.values()) {
            assertThat(readme).as("README table for " + group).contains("<!-- sluice:options " + group + " -->");
        }
        String expected = render(readme);
        if (Boolean.getBoolean("sluice.regenerate")) {
            Files.writeString(README, expected, StandardCharsets.UTF_8);
            return;
        }
        assertThat(readme)
                .as("README configuration reference differs from the option catalogue; regenerate it with "
                        + "./mvnw -pl appender-core test -Dtest=ConfigurationReferenceTest -Dsluice.regenerate=true")
                .isEqualTo(expected);
    }

    @Test
    void aTableListsEveryOptionOfItsGroupWithItsDefault() {
        String pipeline = table(OptionGroup.PIPELINE);
        assertThat(pipeline).contains("| `linger` | `sluice.linger` | `200ms` |")
                .contains("| `batchSize` | `sluice.batch-size` | 1024 (SLS: 4096) |");
        assertThat(table(OptionGroup.SLS)).contains("| `endpoint` | `sluice.sls.endpoint` | required |");
        for (OptionSpec spec : OptionCatalogue.all()) {
            assertThat(table(spec.group())).contains("| `" + spec.name() + "` |");
        }
    }
}
