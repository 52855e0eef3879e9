package dev.sluice.spring;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.config.Backend;
import dev.sluice.config.OptionCatalogue;
import dev.sluice.config.OptionSpec;
import dev.sluice.config.OptionType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders {@code SluiceProperties.java} and {@code additional-spring-configuration-metadata.json} from
 * {@link OptionCatalogue}, so that the Spring properties never drift from the one declaration of every
 * option. {@link SluicePropertiesGeneratedTest} compares the committed files with this output and, with
 * {@code -Dsluice.regenerate=true}, rewrites them.
 */
final class SluicePropertiesGenerator {
    static final String PROPERTIES_PATH = "src/main/java/dev/sluice/spring/SluiceProperties.java";
    static final String METADATA_PATH = "src/main/resources/META-INF/additional-spring-configuration-metadata.json";
    private static final String I1 = "    ";
    private static final String I2 = I1 + I1;
    private static final String I3 = I2 + I1;

    private SluicePropertiesGenerator() {
    }

    /** Writes both files, relative to the module directory (bootstrap; the test does the same with -Dsluice.regenerate=true). */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Files.writeString(java.nio.file.Path.of(PROPERTIES_PATH), javaSource());
        java.nio.file.Files.writeString(java.nio.file.Path.of(METADATA_PATH), additionalMetadataJson());
    }

    /** The options rendered as fields: every option but identity, which is a map with its own merging rules. */
    static List<OptionSpec> rootOptions() {
        List<OptionSpec> specs = new ArrayList<>();
        for (OptionSpec spec : OptionCatalogue.all()) {
            if (spec.shared() && spec != OptionCatalogue.IDENTITY) {
                specs.add(spec);
            }
        }
        return specs;
    }

    /** A backend's own options first, then the shared ones it may override. */
    static List<OptionSpec> backendOptions(Backend backend) {
        List<OptionSpec> specs = new ArrayList<>();
        for (OptionSpec spec : OptionCatalogue.forBackend(backend)) {
            if (!spec.shared()) {
                specs.add(spec);
            }
        }
        specs.addAll(rootOptions());
        return specs;
    }

    static String className(Backend backend) {
        String key = backend.key();
        return Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    // ---- SluiceProperties.java -----------------------------------------------------------------

    static String javaSource() {
        StringBuilder out = new StringBuilder();
        out.append("// GENERATED from dev.sluice.config.OptionCatalogue by SluicePropertiesGenerator (test sources). Do not edit:\n")
                .append("// run ./mvnw -pl spring-boot-autoconfigure test -Dtest=SluicePropertiesGeneratedTest -Dsluice.regenerate=true\n")
                .append("package dev.sluice.spring;\n\n")
                .append("import org.springframework.boot.context.properties.ConfigurationProperties;\n")
                .append("import org.springframework.util.unit.DataSize;\n\n")
                .append("import java.time.Duration;\n")
                .append("import java.util.ArrayList;\n")
                .append("import java.util.LinkedHashMap;\n")
                .append("import java.util.List;\n")
                .append("import java.util.Map;\n\n")
                .append("/**\n")
                .append(" * Sluice's Spring Boot properties: shared options directly under {@code sluice.*}, each backend's under\n")
                .append(" * {@code sluice.rabbitmq.*} / {@code sluice.sls.*}, where a shared option may be overridden. A field is\n")
                .append(" * null when its property is not set, so the core's default applies.\n")
                .append(" *\n")
                .append(" * <p>Invalid values are not fatal here ({@code ignoreInvalidFields}): the integration binds these\n")
                .append(" * properties itself when logging starts, and fails or reports them there according to {@code sluice.strict}.\n")
                .append(" */\n")
                .append("@ConfigurationProperties(prefix = \"sluice\", ignoreInvalidFields = true)\n")
                .append("public class SluiceProperties {\n");
        field(out, I1, "Whether Sluice attaches appenders configured by these properties.", "boolean", "enabled", "true");
        field(out, I1, "Whether a bad sluice.* value fails start-up; when false it is reported on the logging framework's status "
                + "channel naming the property, and the application starts without the backend concerned.", "boolean", "strict", "false");
        field(out, I1, description(OptionCatalogue.IDENTITY) + " The key 'application' defaults to spring.application.name.",
                "Map<String, String>", "identity", "new LinkedHashMap<>()");
        field(out, I1, "Loggers the appenders are attached to; ROOT is the root logger.", "List<String>", "loggers",
                "new ArrayList<>(List.of(\"ROOT\"))");
        for (OptionSpec spec : rootOptions()) {
            field(out, I1, description(spec), javaType(spec.type()), spec.name(), null);
        }
        out.append(I1).append("/** Health indicator settings (with Spring Boot Actuator). */\n")
                .append(I1).append("private final Health health = new Health();\n\n");
        for (Backend backend : Backend.values()) {
            out.append(I1).append("/** ").append(backend.displayName()).append(" properties. */\n")
                    .append(I1).append("private final ").append(className(backend)).append(' ').append(backend.key())
                    .append(" = new ").append(className(backend)).append("();\n\n");
        }
        accessors(out, I1, "boolean", "enabled", true);
        accessors(out, I1, "boolean", "strict", true);
        accessors(out, I1, "Map<String, String>", "identity", true);
        accessors(out, I1, "List<String>", "loggers", true);
        for (OptionSpec spec : rootOptions()) {
            accessors(out, I1, javaType(spec.type()), spec.name(), true);
        }
        accessors(out, I1, "Health", "health", false);
        for (Backend backend : Backend.values()) {
            accessors(out, I1, className(backend), backend.key(), false);
        }
        collectOptions(out, I1, "Hands every shared option set under sluice.* to the sink; null values are unset options.",
                rootOptions());
        healthClass(out);
        for (Backend backend : Backend.values()) {
            backendClass(out, backend);
        }
        out.append("}\n");
        return out.toString();
    }

    private static void healthClass(StringBuilder out) {
        out.append(I1).append("/** Health indicator settings, under sluice.health. */\n")
                .append(I1).append("public static class Health {\n");
        field(out, I2, "How long sends to a backend must have been failing before its health is DOWN; an idle "
                + "backend (nothing logged) is never DOWN.", "Duration", "downAfter", "Duration.ofSeconds(30)");
        accessors(out, I2, "Duration", "downAfter", true);
        out.setLength(out.length() - 1);
        out.append(I1).append("}\n\n");
    }

    private static void backendClass(StringBuilder out, Backend backend) {
        String name = backend.displayName();
        out.append(I1).append("/** ").append(name).append(" properties, under sluice.").append(backend.key())
                .append(": its own options and overrides of the shared ones. */\n")
                .append(I1).append("public static class ").append(className(backend)).append(" implements BackendProperties {\n");
        field(out, I2, "Whether to ship to " + name + " when its target (" + targetDoc(backend) + ") is set.",
                "boolean", "enabled", "true");
        field(out, I2, "Minimum level shipped to " + name + ", e.g. WARN; default: every level.", "String", "level", null);
        field(out, I2, "Identity fields for " + name + " only, merged over sluice.identity.", "Map<String, String>",
                "identity", "new LinkedHashMap<>()");
        for (OptionSpec spec : backendOptions(backend)) {
            String doc = description(spec);
            if (spec.shared()) {
                doc += " Overrides sluice." + spec.kebabName() + " for " + name + ".";
            }
            field(out, I2, doc, javaType(spec.type()), spec.name(), null);
        }
        out.append(I2).append("@Override\n");
        accessors(out, I2, "boolean", "enabled", true);
        out.append(I2).append("@Override\n");
        accessors(out, I2, "String", "level", true);
        out.append(I2).append("@Override\n");
        accessors(out, I2, "Map<String, String>", "identity", true);
        for (OptionSpec spec : backendOptions(backend)) {
            accessors(out, I2, javaType(spec.type()), spec.name(), true);
        }
        out.append(I2).append("@Override\n")
                .append(I2).append("public boolean hasTarget() {\n")
                .append(I3).append("return ").append(targetExpression(backend)).append(";\n")
                .append(I2).append("}\n\n");
        out.append(I2).append("@Override\n");
        collectOptions(out, I2, null, backendOptions(backend));
        // drop the blank line after the last method
        out.setLength(out.length() - 1);
        out.append(I1).append("}\n");
        if (backend != Backend.values()[Backend.values().length - 1]) {
            out.append('\n');
        }
    }

    private static String targetDoc(Backend backend) {
        return backend == Backend.RABBITMQ ? "uri or addresses" : "endpoint";
    }

    private static String targetExpression(Backend backend) {
        return backend == Backend.RABBITMQ
                ? "(uri != null && !uri.isBlank()) || (addresses != null && !addresses.isEmpty())"
                : "endpoint != null && !endpoint.isBlank()";
    }

    private static void field(StringBuilder out, String indent, String doc, String type, String name, String initial) {
        out.append(indent).append("/** ").append(doc).append(" */\n")
                .append(indent).append("private ").append(type).append(' ').append(name);
        if (initial != null) {
            out.append(" = ").append(initial);
        }
        out.append(";\n\n");
    }

    private static void accessors(StringBuilder out, String indent, String type, String name, boolean setter) {
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        String getter = (type.equals("boolean") ? "is" : "get") + cap;
        out.append(indent).append("public ").append(type).append(' ').append(getter).append("() {\n")
                .append(indent).append(I1).append("return ").append(name).append(";\n")
                .append(indent).append("}\n\n");
        if (setter) {
            out.append(indent).append("public void set").append(cap).append('(').append(type).append(' ').append(name)
                    .append(") {\n")
                    .append(indent).append(I1).append("this.").append(name).append(" = ").append(name).append(";\n")
                    .append(indent).append("}\n\n");
        }
    }

    private static void collectOptions(StringBuilder out, String indent, String doc, List<OptionSpec> specs) {
        if (doc != null) {
            out.append(indent).append("/** ").append(doc).append(" */\n");
        }
        out.append(indent).append("public void collectOptions(OptionSink sink) {\n");
        for (OptionSpec spec : specs) {
            out.append(indent).append(I1).append("sink.accept(\"").append(spec.name()).append("\", \"")
                    .append(spec.kebabName()).append("\", ").append(spec.name()).append(");\n");
        }
        out.append(indent).append("}\n\n");
    }

    static String javaType(OptionType type) {
        return switch (type) {
            case STRING, ENUM -> "String";
            case BOOLEAN -> "Boolean";
            case INT -> "Integer";
            case DURATION -> "Duration";
            case BYTE_SIZE -> "DataSize";
            case LIST -> "List<String>";
            case MAP -> "Map<String, String>";
        };
    }

    /** The catalogue's one-line description as plain text (it is Markdown for the README). */
    static String description(OptionSpec spec) {
        String text = spec.description()
                .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1") // [text](#anchor) -> text
                .replace("`", "")
                .replaceAll("\\*([^*\\s][^*]*)\\*", "$1") // *emphasis* -> emphasis
                .replace("*/", "* /");
        return text.trim();
    }

    // ---- additional-spring-configuration-metadata.json ------------------------------------------

    static String additionalMetadataJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode properties = root.putArray("properties");
        ArrayNode hints = root.putArray("hints");
        // The processor cannot read a default out of an initializer such as new ArrayList<>(List.of("ROOT")).
        ObjectNode loggers = properties.addObject();
        loggers.put("name", "sluice.loggers");
        loggers.put("sourceType", "dev.sluice.spring.SluiceProperties");
        loggers.putArray("defaultValue").add("ROOT");
        for (OptionSpec spec : rootOptions()) {
            property(properties, hints, "sluice." + spec.kebabName(), spec, spec.defaultValue(), "SluiceProperties");
        }
        for (Backend backend : Backend.values()) {
            for (OptionSpec spec : backendOptions(backend)) {
                property(properties, hints, "sluice." + backend.key() + "." + spec.kebabName(), spec,
                        spec.defaultValue(backend), "SluiceProperties$" + className(backend));
            }
        }
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            return json.writer(printer).writeValueAsString(root) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void property(ArrayNode properties, ArrayNode hints, String name, OptionSpec spec, String defaultValue,
                                 String sourceType) {
        ObjectNode p = properties.addObject();
        p.put("name", name);
        p.put("sourceType", "dev.sluice.spring." + sourceType);
        p.put("description", metadataDescription(spec));
        if (defaultValue != null) {
            switch (spec.type()) {
                case INT -> p.put("defaultValue", Long.parseLong(defaultValue));
                case BOOLEAN -> p.put("defaultValue", Boolean.parseBoolean(defaultValue));
                case LIST -> {
                    ArrayNode values = p.putArray("defaultValue");
                    for (String v : defaultValue.split(",")) {
                        values.add(v.trim());
                    }
                }
                default -> p.put("defaultValue", defaultValue);
            }
        }
        if (!spec.allowedValues().isEmpty()) {
            ObjectNode hint = hints.addObject();
            hint.put("name", name);
            ArrayNode values = hint.putArray("values");
            for (String allowed : spec.allowedValues()) {
                values.addObject().put("value", allowed.toLowerCase(Locale.ROOT));
            }
        }
    }

    private static String metadataDescription(OptionSpec spec) {
        return description(spec);
    }
}
