package dev.sluice.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced code block of a Markdown document: where it is, its language tag, its text, and the
 * {@code <!-- sluice:KIND ARGUMENT -->} marker on the line before its opening fence, if any.
 */
final class FencedBlock {
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```+|~~~+)\\s*([^`\\s]*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*sluice:([a-z-]+)(?:\\s+(.*?))?\\s*-->\\s*$");

    final Path file;
    /** 1-based line of the opening fence. */
    final int line;
    final String language;
    final String text;
    /** The marker's kind ({@code file}, {@code foreign}), or null. */
    final String marker;
    final String markerArgument;

    private FencedBlock(Path file, int line, String language, String text, String marker, String markerArgument) {
        this.file = file;
        this.line = line;
        this.language = language;
        this.text = text;
        this.marker = marker;
        this.markerArgument = markerArgument;
    }

    /** Every fenced block of the document, in order. An unclosed fence is an error: the rest would hide in it. */
    static List<FencedBlock> parse(Path file) {
        String[] lines = RepoFiles.read(file).split("\n", -1);
        List<FencedBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            String fence = open.group(1);
            int start = i;
            StringBuilder text = new StringBuilder();
            i++;
            while (i < lines.length && !isClosing(lines[i], fence)) {
                text.append(lines[i]).append('\n');
                i++;
            }
            if (i == lines.length) {
                throw new IllegalStateException(RepoFiles.relative(file) + ":" + (start + 1) + ": unclosed code fence");
            }
            String marker = null;
            String argument = null;
            int before = previousNonBlank(lines, start);
            if (before >= 0) {
                Matcher m = MARKER.matcher(lines[before]);
                if (m.matches()) {
                    marker = m.group(1);
                    argument = m.group(2);
                }
            }
            blocks.add(new FencedBlock(file, start + 1, open.group(2), text.toString(), marker, argument));
        }
        return blocks;
    }

    private static boolean isClosing(String line, String fence) {
        String t = line.strip();
        return t.startsWith(fence) && t.chars().allMatch(c -> c == fence.charAt(0));
    }

    private static int previousNonBlank(String[] lines, int index) {
        for (int j = index - 1; j >= 0; j--) {
            if (!lines[j].isBlank()) {
                return j;
            }
        }
        return -1;
    }

    /** {@code README.md:42}: how failures name the block. */
    String where() {
        return RepoFiles.relative(file) + ":" + line;
    }

    @Override
    public String toString() {
        return where() + " (" + (language.isEmpty() ? "no language" : language) + ")";
    }
}
