package dev.sluice.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The repository's files that the documentation checks read: the documents and the samples' configuration files. */
final class RepoFiles {
    /** Documents at the root whose snippets are checked; guides under samples/ are found by {@link #documents()}. */
    static final List<String> ROOT_DOCUMENTS = List.of("README.md", "MIGRATING.md", "RELIABILITY.md");

    /** Configuration files an application of samples/ reads: every one of them is loaded by a test. */
    private static final Pattern SAMPLE_CONFIG = Pattern.compile(
            "samples/[^/]+/src/main/resources/(logback[^/]*\\.xml|log4j2[^/]*\\.xml|application[^/]*\\.(yml|yaml|properties))");

    private RepoFiles() {
    }

    /** The repository root: set by the build (see the module's pom), else found from the working directory. */
    static Path root() {
        String configured = System.getProperty("docscheck.repo.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("RELIABILITY.md")) && Files.isDirectory(p.resolve("samples"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root; set -Ddocscheck.repo.root");
    }

    static Path resolve(String relative) {
        return root().resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The path as the repository writes it ({@code samples/logstash/README.md}), for messages. */
    static String relative(Path file) {
        return root().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** README.md, MIGRATING.md, RELIABILITY.md (those that exist) and every Markdown file under samples/. */
    static List<Path> documents() {
        List<Path> docs = new ArrayList<>();
        for (String name : ROOT_DOCUMENTS) {
            Path p = resolve(name);
            if (Files.isRegularFile(p)) {
                docs.add(p);
            }
        }
        docs.addAll(samplesMatching(p -> p.toString().endsWith(".md")));
        return docs;
    }

    /** logback*.xml, log4j2*.xml and application*.{yml,yaml,properties} of each sample application. */
    static List<Path> sampleConfigFiles() {
        return samplesMatching(p -> SAMPLE_CONFIG.matcher(relative(p)).matches());
    }

    /** Files under samples/ (build output excluded), sorted for stable test order. */
    static List<Path> samplesMatching(java.util.function.Predicate<Path> filter) {
        try (Stream<Path> files = Files.walk(resolve("samples"))) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !relative(p).contains("/target/"))
                    .filter(filter)
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
