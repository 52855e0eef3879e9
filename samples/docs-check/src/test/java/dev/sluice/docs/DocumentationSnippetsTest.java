package dev.sluice.docs;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every code block of the documentation is either a configuration that {@link DocumentationSnippetsIT}
 * loads, or of a kind named here; copies of files are identical to them; dependencies and other
 * libraries' configurations name things that exist.
 */
class DocumentationSnippetsTest {

    private static List<FencedBlock> allBlocks() {
        List<FencedBlock> blocks = new ArrayList<>();
        for (Path doc : RepoFiles.documents()) {
            blocks.addAll(FencedBlock.parse(doc));
        }
        return blocks;
    }

    @Test
    void everyBlockIsAConfigurationTheChecksLoadOrAnAllowedNonConfiguration() {
        List<String> unplaceable = new ArrayList<>();
        List<Snippet> snippets = new ArrayList<>();
        for (FencedBlock block : allBlocks()) {
            try {
                snippets.add(Snippets.classify(block));
            } catch (IllegalStateException e) {
                unplaceable.add(e.getMessage());
            }
        }
        assertThat(unplaceable).as("blocks no check knows how to load").isEmpty();
        // The scan itself works: the README alone shows each configuration style.
        assertThat(snippets).filteredOn(s -> s.where.startsWith("README.md:")).extracting(s -> s.kind)
                .contains(Snippet.Kind.LOGBACK, Snippet.Kind.LOG4J2, Snippet.Kind.SPRING_YAML,
                        Snippet.Kind.MAVEN_DEPENDENCY);
    }

    @Test
    void aBlockMarkedAsAFileIsThatFileExactly() {
        List<FencedBlock> copies = allBlocks().stream().filter(b -> "file".equals(b.marker)).collect(Collectors.toList());
        for (FencedBlock block : copies) {
            Path file = RepoFiles.resolve(block.markerArgument);
            assertThat(file).as(block.where() + " names a file").isRegularFile();
            assertThat(block.text).as(block.where() + " must be identical to " + block.markerArgument)
                    .isEqualTo(RepoFiles.read(file));
        }
        // Each quickstart file is shown, so that the README cannot drift from what QuickstartIT runs.
        assertThat(copies).extracting(b -> b.markerArgument)
                .contains("samples/quickstart/logback.xml", "samples/quickstart/log4j2.xml",
                        "samples/quickstart/application.yml");
    }

    @Test
    void dependenciesNameOurArtifactsAtTheProjectVersion() {
        Set<String> artifacts = moduleArtifactIds();
        String version = System.getProperty("docscheck.project.version");
        assertThat(version).as("docscheck.project.version (set by the build)").isNotBlank();
        List<Snippet> dependencies = Snippets.fromDocuments().stream()
                .filter(s -> s.kind == Snippet.Kind.MAVEN_DEPENDENCY).collect(Collectors.toList());
        assertThat(dependencies).isNotEmpty();
        for (Snippet s : dependencies) {
            for (Element d : Snippets.topLevelElements(blockOf(s))) {
                assertThat(child(d, "groupId")).as(s.where).isEqualTo("dev.sluice");
                assertThat(artifacts).as(s.where + ": a module's artifactId").contains(child(d, "artifactId"));
                assertThat(child(d, "version")).as(s.where).isEqualTo(version);
            }
        }
    }

    @Test
    void anotherLibrarysAppenderIsGivenOnlyPropertiesItHas() {
        List<Snippet> foreign = Snippets.fromDocuments().stream()
                .filter(s -> s.kind == Snippet.Kind.FOREIGN_LOGBACK).collect(Collectors.toList());
        for (Snippet s : foreign) {
            for (Element appender : Snippets.topLevelElements(blockOf(s))) {
                assertThat(appender.getTagName()).as(s.where).isEqualTo("appender");
                String type = appender.getAttribute("class");
                Set<String> properties = ForeignAppenders.properties(type);
                for (Node n = appender.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element) {
                        assertThat(properties)
                                .as(s.where + ": <" + ((Element) n).getTagName() + "> of " + type + " in "
                                        + ForeignAppenders.jarOf(type).getFileName())
                                .contains(((Element) n).getTagName());
                    }
                }
            }
        }
    }

    /** The block a snippet came from (snippets keep the original text and where it is). */
    private static FencedBlock blockOf(Snippet s) {
        return allBlocks().stream().filter(b -> b.where().equals(s.where)).findFirst().orElseThrow();
    }

    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                return n.getTextContent().strip();
            }
        }
        return null;
    }

    /** The artifactId of every pom.xml in the repository (its own, not its parent's). */
    private static Set<String> moduleArtifactIds() {
        Pattern ownArtifact = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>|"
                + "<modelVersion>[^<]*</modelVersion>\\s*<groupId>[^<]*</groupId>\\s*<artifactId>([^<]+)</artifactId>");
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> poms = Files.walk(RepoFiles.root())) {
            for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .filter(p -> !RepoFiles.relative(p).contains("target/") && !RepoFiles.relative(p).startsWith("."))
                    .collect(Collectors.toList())) {
                Matcher m = ownArtifact.matcher(RepoFiles.read(pom));
                if (m.find()) {
                    ids.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }
}
