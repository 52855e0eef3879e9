package dev.sluice.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A snippet written to a temporary file, for frameworks that load their configuration from a file. */
final class TempFiles {

    private TempFiles() {
    }

    static Path write(String prefix, String suffix, String text) {
        try {
            Path file = Files.createTempFile(prefix, suffix);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temporary file left behind harms no test.
        }
    }
}
