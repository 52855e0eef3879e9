package dev.sluice.docs;

import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.TestAmqpBroker;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads every configuration the documentation shows and every sample application's configuration
 * file, as its framework would at start-up: no warning or error while configuring, and each Sluice
 * appender it declares attached and started. (Connecting happens later on the sender thread; a
 * snippet's host need not exist.) A failure names the file and line of the block.
 */
class DocumentationSnippetsIT {

    @TestFactory
    Stream<DynamicTest> everyConfigurationLoads() {
        List<Snippet> snippets = new ArrayList<>();
        for (Snippet s : Snippets.fromDocuments()) {
            if (s.isLoadable()) {
                snippets.add(s);
            }
        }
        snippets.addAll(Snippets.fromSampleFiles());
        assertThat(snippets).as("configurations found").isNotEmpty();
        AmqpEndpoint broker = TestAmqpBroker.get();
        return snippets.stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> load(s, broker)));
    }

    private static void load(Snippet s, AmqpEndpoint broker) {
        Map<String, String> variables = TestValues.forText(s.where, s.text, broker);
        LoadReport report;
        switch (s.kind) {
            case LOGBACK:
                try (LogbackLoader.Loaded loaded = LogbackLoader.load(s.text, variables)) {
                    report = loaded.report;
                }
                break;
            case LOG4J2:
                try (Log4j2Loader.Loaded loaded = Log4j2Loader.load(s.text, variables)) {
                    report = loaded.report;
                }
                break;
            case SPRING_YAML:
            case SPRING_PROPERTIES:
                String suffix = s.kind == Snippet.Kind.SPRING_YAML ? ".yml" : ".properties";
                try (BootLoader.Loaded loaded = BootLoader.start(s.text, suffix, variables, Map.of())) {
                    report = loaded.report;
                }
                break;
            default:
                throw new IllegalStateException(s + " is not a configuration to load");
        }
        assertThat(report.failures()).as(s.where + " (" + s.kind + ") does not load cleanly:\n" + s.text).isEmpty();
    }
}
