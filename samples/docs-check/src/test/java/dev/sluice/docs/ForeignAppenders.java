package dev.sluice.docs;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The properties that another library's Logback appender takes, read from its real jar with javap
 * (the jars are copied by the build into {@code target/foreign-appenders}; they never join the
 * class path, where their dependencies would clash with ours). Logback sets an element
 * {@code <fooBar>} through {@code setFooBar} or {@code addFooBar}.
 */
final class ForeignAppenders {
    private static final Pattern SETTER = Pattern.compile("public void (?:set|add)([A-Z][A-Za-z0-9]*)\\(");
    private static final Map<String, Set<String>> CACHE = new ConcurrentHashMap<>();

    private ForeignAppenders() {
    }

    /** The element names {@code className} accepts, lower camel case; throws when no copied jar holds the class. */
    static Set<String> properties(String className) {
        return CACHE.computeIfAbsent(className, ForeignAppenders::readProperties);
    }

    /** The jar holding the class, to name its version in messages. */
    static Path jarOf(String className) {
        String entry = className.replace('.', '/') + ".class";
        for (Path jar : jars()) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                if (zip.getEntry(entry) != null) {
                    return jar;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no jar in " + directory() + " holds " + className
                + "; add its artifact to the foreign-appender-jars execution of samples/docs-check/pom.xml");
    }

    private static Set<String> readProperties(String className) {
        Path jar = jarOf(className);
        ToolProvider javap = ToolProvider.findFirst("javap")
                .orElseThrow(() -> new IllegalStateException("this JDK has no javap tool"));
        StringWriter out = new StringWriter();
        int exit = javap.run(new PrintWriter(out), new PrintWriter(out), "-public", "-cp", jar.toString(), className);
        if (exit != 0) {
            throw new IllegalStateException("javap " + className + " failed: " + out);
        }
        Set<String> properties = new TreeSet<>();
        Matcher m = SETTER.matcher(out.toString());
        while (m.find()) {
            String name = m.group(1);
            properties.add(name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1));
        }
        return properties;
    }

    private static Path directory() {
        String dir = System.getProperty("docscheck.foreign.jars");
        if (dir == null) {
            throw new IllegalStateException("docscheck.foreign.jars is not set; run this test through Maven");
        }
        return Path.of(dir);
    }

    private static List<Path> jars() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory(), e);
        }
    }
}
