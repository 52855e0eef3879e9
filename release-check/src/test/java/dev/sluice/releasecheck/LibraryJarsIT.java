package dev.sluice.releasecheck;

import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The library jars as {@code verify} packaged them for publication. An integration test because it needs the jars:
 * release-check/pom.xml passes the file Maven resolved for each library, which after {@code package} is the jar in
 * that module's target.
 */
class LibraryJarsIT {

    /** The published libraries, by artifactId, and the module name each jar must declare. */
    private static final Map<String, String> MODULE_NAMES = new TreeMap<>(Map.of(
            "sluice-appender-core", "dev.sluice.core",
            "sluice-logback-appender", "dev.sluice.logback",
            "sluice-log4j2-appender", "dev.sluice.log4j2",
            "sluice-spring-boot-autoconfigure", "dev.sluice.spring",
            "sluice-spring-boot-starter", "dev.sluice.spring.starter",
            "sluice-spring-boot3-compat", "dev.sluice.spring.boot3",
            "sluice-testkit", "dev.sluice.testkit"));

    @Test
    void eachLibraryJarDeclaresItsModuleName() throws IOException {
        Map<String, String> declared = new TreeMap<>();
        for (String artifactId : MODULE_NAMES.keySet()) {
            try (JarFile jar = new JarFile(jarOf(artifactId).toFile())) {
                declared.put(artifactId, jar.getManifest() == null ? null
                        : jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
            }
        }
        assertThat(declared).as("Automatic-Module-Name of each library jar").isEqualTo(MODULE_NAMES);
    }

    @Test
    void theLibrariesResolveTogetherOnTheModulePath() {
        Path[] jars = MODULE_NAMES.keySet().stream().map(LibraryJarsIT::jarOf).toArray(Path[]::new);
        ModuleFinder finder = ModuleFinder.of(jars);
        Set<String> names = new TreeSet<>(MODULE_NAMES.values());
        assertThat(finder.findAll().stream().map(m -> m.descriptor().name()).collect(toList()))
                .as("modules found in the library jars")
                .containsExactlyInAnyOrderElementsOf(names);

        // Two jars holding one package cannot both be on the module path: name each such package and its modules.
        Map<String, List<String>> modulesByPackage = new HashMap<>();
        for (ModuleReference module : finder.findAll()) {
            ModuleDescriptor descriptor = module.descriptor();
            assertThat(descriptor.isAutomatic()).as("%s is an automatic module", descriptor.name()).isTrue();
            descriptor.packages().forEach(p -> modulesByPackage.computeIfAbsent(p, k -> new ArrayList<>())
                    .add(descriptor.name()));
        }
        modulesByPackage.values().removeIf(modules -> modules.size() == 1);
        assertThat(modulesByPackage).as("packages split between library jars").isEmpty();

        // What the JDK itself checks when an application puts the seven on its module path.
        Configuration configuration = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), names);
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration,
                ClassLoader.getSystemClassLoader());
        assertThat(layer.modules().stream().map(Module::getName).collect(toList()))
                .containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void eachLibraryHasItsSourcesAndJavadocJar() throws IOException {
        for (String artifactId : MODULE_NAMES.keySet()) {
            Path jar = jarOf(artifactId);
            String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
            Path sources = jar.resolveSibling(base + "-sources.jar");
            Path javadoc = jar.resolveSibling(base + "-javadoc.jar");
            assertThat(sources).as("sources jar of %s", artifactId).isRegularFile();
            assertThat(javadoc).as("javadoc jar of %s", artifactId).isRegularFile();
            if (entries(jar).stream().anyMatch(e -> e.endsWith(".class"))) {
                assertThat(entries(sources)).as("entries of %s", sources).anyMatch(e -> e.endsWith(".java"));
                assertThat(entries(javadoc)).as("entries of %s", javadoc).contains("index.html");
            } else {
                // A jar without code (the starter) still needs both; they carry its README.
                assertThat(entries(sources)).as("entries of %s", sources).anyMatch(e -> !e.startsWith("META-INF/"));
                assertThat(entries(javadoc)).as("entries of %s", javadoc).anyMatch(e -> !e.startsWith("META-INF/"));
            }
        }
    }

    private static Path jarOf(String artifactId) {
        String file = System.getProperty("sluice.jar." + artifactId);
        assertThat(file).as("path of %s: release-check/pom.xml passes it as system property sluice.jar.%s",
                artifactId, artifactId).isNotNull().doesNotStartWith("${");
        Path path = Path.of(file);
        assertThat(Files.isRegularFile(path) && file.endsWith(".jar"))
                .as("%s resolved to %s, not to its jar: these tests must run after package (./mvnw verify)",
                        artifactId, path)
                .isTrue();
        return path;
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).collect(toList());
        }
    }
}
