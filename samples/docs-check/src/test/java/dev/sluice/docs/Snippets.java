package dev.sluice.docs;

import dev.sluice.config.Backend;
import dev.sluice.config.OptionCatalogue;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * Finds the configuration snippets of the documentation and the samples, and decides how each is
 * checked. A block this class cannot place is an error, so that a new kind of snippet cannot slip
 * past the checks unnoticed: either teach it to load the new kind, or add a non-configuration
 * language to {@link #NOT_CONFIGURATION_LANGUAGES}.
 */
final class Snippets {
    /** Languages of blocks that are not configuration; every other block must be a configuration we can load. */
    static final Set<String> NOT_CONFIGURATION_LANGUAGES = Set.of("sh", "java", "json", "text");

    private static final Pattern XML_DECLARATION = Pattern.compile("^\\s*<\\?xml[^>]*\\?>");
    private static final Pattern YAML_SLUICE_KEY = Pattern.compile("(?m)^sluice:\\s*$");
    private static final Pattern PROPERTIES_SLUICE_KEY = Pattern.compile("(?m)^\\s*sluice\\.[a-z]");

    private Snippets() {
    }

    /** Every fenced block of the documents, classified; throws naming the block when one cannot be placed. */
    static List<Snippet> fromDocuments() {
        List<Snippet> snippets = new ArrayList<>();
        for (Path doc : RepoFiles.documents()) {
            for (FencedBlock block : FencedBlock.parse(doc)) {
                snippets.add(classify(block));
            }
        }
        return snippets;
    }

    /** The sample applications' configuration files, each a whole configuration of the kind its name says. */
    static List<Snippet> fromSampleFiles() {
        List<Snippet> snippets = new ArrayList<>();
        for (Path file : RepoFiles.sampleConfigFiles()) {
            String name = file.getFileName().toString();
            String text = RepoFiles.read(file);
            String where = RepoFiles.relative(file);
            Snippet.Kind kind = name.startsWith("logback") ? Snippet.Kind.LOGBACK
                    : name.startsWith("log4j2") ? Snippet.Kind.LOG4J2
                    : name.endsWith(".properties") ? Snippet.Kind.SPRING_PROPERTIES : Snippet.Kind.SPRING_YAML;
            snippets.add(new Snippet(kind, text, where));
        }
        return snippets;
    }

    static Snippet classify(FencedBlock block) {
        String language = block.language.toLowerCase(Locale.ROOT);
        if ("foreign".equals(block.marker)) {
            if (!language.equals("xml")) {
                throw unplaceable(block, "a foreign snippet must be a logback.xml <appender> (xml)");
            }
            return new Snippet(Snippet.Kind.FOREIGN_LOGBACK, block.text, block.where());
        }
        switch (language) {
            case "xml":
                return classifyXml(block);
            case "yaml":
            case "yml":
                if (!YAML_SLUICE_KEY.matcher(block.text).find()) {
                    throw unplaceable(block, "a YAML block without a top-level 'sluice:' key");
                }
                return new Snippet(Snippet.Kind.SPRING_YAML, block.text, block.where());
            case "properties":
                if (!PROPERTIES_SLUICE_KEY.matcher(block.text).find()) {
                    throw unplaceable(block, "a properties block without sluice.* keys");
                }
                return new Snippet(Snippet.Kind.SPRING_PROPERTIES, block.text, block.where());
            default:
                if (NOT_CONFIGURATION_LANGUAGES.contains(language)) {
                    return new Snippet(Snippet.Kind.NOT_CONFIGURATION, block.text, block.where());
                }
                throw unplaceable(block, language.isEmpty() ? "a code block without a language tag"
                        : "a '" + language + "' block, a language the checks do not know");
        }
    }

    private static Snippet classifyXml(FencedBlock block) {
        List<Element> roots = topLevelElements(block);
        Set<String> names = new LinkedHashSet<>();
        for (Element e : roots) {
            names.add(e.getTagName());
        }
        String where = block.where();
        if (names.equals(Set.of("dependency"))) {
            return new Snippet(Snippet.Kind.MAVEN_DEPENDENCY, block.text, where);
        }
        if (names.equals(Set.of("configuration")) && roots.size() == 1) {
            return new Snippet(Snippet.Kind.LOGBACK, block.text, where);
        }
        if (names.equals(Set.of("Configuration")) && roots.size() == 1) {
            return new Snippet(Snippet.Kind.LOG4J2, block.text, where);
        }
        if (names.equals(Set.of("appender"))) {
            return new Snippet(Snippet.Kind.LOGBACK, wrapAppenders(roots, block.text), where);
        }
        if (names.stream().allMatch(n -> OptionCatalogue.find(n) != null)) {
            return new Snippet(Snippet.Kind.LOGBACK, wrapOptions(names, block.text), where);
        }
        throw unplaceable(block, "XML with top-level elements " + names + " is neither a logback.xml, a log4j2.xml, "
                + "a logback <appender>, Sluice option elements nor a Maven <dependency>");
    }

    /** A bare {@code <appender>}: Logback instantiates only appenders a logger refers to, so the root refers to each. */
    private static String wrapAppenders(List<Element> appenders, String fragment) {
        StringBuilder refs = new StringBuilder();
        for (Element a : appenders) {
            refs.append("<appender-ref ref=\"").append(a.getAttribute("name")).append("\"/>");
        }
        return "<configuration>\n" + fragment + "<root level=\"INFO\">" + refs + "</root>\n</configuration>\n";
    }

    /**
     * Option elements shown on their own (e.g. {@code <extractJson>true</extractJson>}): placed in
     * the appender of the backend they belong to, with that backend's required options.
     */
    private static String wrapOptions(Set<String> names, String fragment) {
        boolean sls = names.stream().map(OptionCatalogue::find).anyMatch(s -> !s.appliesTo(Backend.RABBITMQ));
        String appender = sls
                ? "<appender name=\"SNIPPET\" class=\"dev.sluice.logback.SlsAppender\">"
                  + "<endpoint>http://127.0.0.1:4999</endpoint><project>shop</project><logstore>backend</logstore>"
                  + "<accessKeyId>${SLS_ACCESS_KEY_ID}</accessKeyId><accessKeySecret>${SLS_ACCESS_KEY_SECRET}</accessKeySecret>\n"
                : "<appender name=\"SNIPPET\" class=\"dev.sluice.logback.RabbitMqAppender\"><uri>${RABBITMQ_URI}</uri>\n";
        return "<configuration>\n" + appender + fragment + "</appender>\n"
                + "<root level=\"INFO\"><appender-ref ref=\"SNIPPET\"/></root>\n</configuration>\n";
    }

    /** The top-level elements of an XML block, which may be a fragment with several. */
    static List<Element> topLevelElements(FencedBlock block) {
        String body = XML_DECLARATION.matcher(block.text).replaceFirst("");
        Element wrapper;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            wrapper = factory.newDocumentBuilder()
                    .parse(new InputSource(new StringReader("<snippet>" + body + "</snippet>")))
                    .getDocumentElement();
        } catch (Exception e) {
            throw unplaceable(block, "not well-formed XML: " + e.getMessage());
        }
        List<Element> elements = new ArrayList<>();
        for (Node n = wrapper.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                elements.add((Element) n);
            }
        }
        if (elements.isEmpty()) {
            throw unplaceable(block, "an XML block without elements");
        }
        return elements;
    }

    /** Variables a configuration reads ({@code ${NAME}}, {@code ${env:NAME:-default}}), and whether each has a default. */
    static List<Variable> variables(String text) {
        Matcher m = Pattern.compile("\\$\\{(?:(?:env|sys):)?([A-Za-z_][A-Za-z0-9_.-]*)(:-?[^}]*)?}").matcher(text);
        List<Variable> found = new ArrayList<>();
        while (m.find()) {
            found.add(new Variable(m.group(1), m.group(2) != null));
        }
        return found;
    }

    static final class Variable {
        final String name;
        final boolean hasDefault;

        Variable(String name, boolean hasDefault) {
            this.name = name;
            this.hasDefault = hasDefault;
        }
    }

    private static IllegalStateException unplaceable(FencedBlock block, String why) {
        return new IllegalStateException(block.where() + ": cannot check this block: " + why);
    }
}
