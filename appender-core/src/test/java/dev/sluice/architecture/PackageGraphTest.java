package dev.sluice.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's packages read as the path of one event — event → fields → encode → transport → pipeline
 * (which drives them) — with config and runtime underneath: each package may use only those before it in
 * {@link #LAYERS}, so that the graph has no cycle. Read from the sources, imports and qualified names alike.
 */
class PackageGraphTest {

    /** Lowest first; a package may depend on packages of earlier layers (and its own sub-packages' parents). */
    private static final List<String> LAYERS = List.of("config", "runtime", "event", "fields.extract", "fields",
            "encode", "transport", "transport.rabbitmq", "transport.sls", "pipeline");

    private static final Path SOURCES = Path.of("src/main/java/dev/sluice");
    private static final Pattern PACKAGE = Pattern.compile("^package dev\\.sluice\\.([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.sluice\\.((?:[a-z0-9]+\\.)*[a-z0-9]+)\\.[A-Z]");

    @Test
    void everyPackageUsesOnlyThoseBelowIt() throws IOException {
        Map<String, Set<String>> graph = graph();
        assertThat(LAYERS).as("every package of the core has its place").containsAll(graph.keySet());
        List<String> violations = new ArrayList<>();
        graph.forEach((from, targets) -> {
            for (String to : targets) {
                if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) {
                    violations.add(from + " → " + to);
                }
            }
        });
        assertThat(violations).as("dependencies against the event's path (each one closes a cycle)").isEmpty();
    }

    @Test
    void theTransportContractKnowsNothingOfThePipelineOrOfABackend() throws IOException {
        assertThat(graph().get("transport")).doesNotContain("pipeline", "transport.rabbitmq", "transport.sls");
    }

    private static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String source = Files.readString(file);
                Matcher p = PACKAGE.matcher(source);
                assertThat(p.find()).as(file.toString()).isTrue();
                String from = p.group(1);
                Set<String> targets = graph.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher r = REFERENCE.matcher(source);
                while (r.find()) {
                    if (!r.group(1).equals(from)) {
                        targets.add(r.group(1));
                    }
                }
            }
        }
        return graph;
    }
}
