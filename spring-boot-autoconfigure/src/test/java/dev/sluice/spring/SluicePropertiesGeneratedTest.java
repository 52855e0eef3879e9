package dev.sluice.spring;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The committed {@code SluiceProperties.java} and additional metadata are exactly what the generator renders
 * from the option catalogue; {@code -Dsluice.regenerate=true} rewrites them instead.
 */
class SluicePropertiesGeneratedTest {
    private static final String HOW_TO_UPDATE = "is out of date with dev.sluice.config.OptionCatalogue: run "
            + "./mvnw -pl spring-boot-autoconfigure test -Dtest=SluicePropertiesGeneratedTest -Dsluice.regenerate=true "
            + "and commit the result";

    @Test
    void propertiesClassIsGeneratedFromTheCatalogue() throws IOException {
        check(SluicePropertiesGenerator.PROPERTIES_PATH, SluicePropertiesGenerator.javaSource());
    }

    @Test
    void additionalMetadataIsGeneratedFromTheCatalogue() throws IOException {
        check(SluicePropertiesGenerator.METADATA_PATH, SluicePropertiesGenerator.additionalMetadataJson());
    }

    private static String firstDifference(String actual, String expected) {
        String[] a = actual.split("\n", -1);
        String[] e = expected.split("\n", -1);
        for (int i = 0; i < Math.min(a.length, e.length); i++) {
            if (!a[i].equals(e[i])) {
                return "line " + (i + 1) + " is '" + a[i].strip() + "', expected '" + e[i].strip() + "'";
            }
        }
        return "the files have " + a.length + " and " + e.length + " lines";
    }

    private static void check(String relativePath, String expected) throws IOException {
        Path file = Path.of(relativePath);
        if (Boolean.getBoolean("sluice.regenerate")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected, StandardCharsets.UTF_8);
            return;
        }
        String actual = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!actual.equals(expected)) {
            fail(relativePath + " " + HOW_TO_UPDATE + " (" + firstDifference(actual, expected) + ")");
        }
    }
}
