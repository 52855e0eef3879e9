package dev.sluice.fields.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.io.Writer;

/**
 * Turns a message that is one JSON object into fields: each top-level member becomes a field.
 * Strings stay strings; numbers, booleans, objects and arrays are kept as compact JSON text
 * (written as JSON values by the JSON encoder, as their text in SLS contents); {@code null}
 * members are left out, as Elasticsearch treats a null field as absent anyway.
 *
 * <p>Uses Jackson's streaming parser, so the cost is linear in the message length; nesting is
 * capped at {@link #MAX_DEPTH}. Anything but exactly one JSON object (a parse error, trailing
 * content, too deep) yields no fields. One instance per sender thread; never throws.
 */
public final class JsonExtractor {
    static final int MAX_DEPTH = 32;

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .rootValueSeparator((String) null)
            .build();

    private final TextWriter nested = new TextWriter();
    private JsonGenerator generator;

    /**
     * Fills {@code out} with the members of {@code message}; false (and {@code out} empty) when the
     * message is not exactly one JSON object.
     */
    public boolean extract(String message, ExtractedFields out) {
        out.clear();
        if (!looksLikeObject(message)) {
            return false;
        }
        try (JsonParser p = FACTORY.createParser(message)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return fail(out);
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (!out.hasRoom()) {
                    // Still parse to the end: a malformed tail must still mean "no fields".
                    out.markIncomplete();
                    p.skipChildren();
                    continue;
                }
                addMember(p, message, key, value, out);
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return fail(out);
            }
            return out.size() > 0;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            generator = null; // may be mid-value; start the next one afresh
            return fail(out);
        }
    }

    private void addMember(JsonParser p, String message, String key, JsonToken value, ExtractedFields out)
            throws IOException {
        switch (value) {
            case VALUE_STRING:
                out.addString(key, p.getText());
                break;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
            case VALUE_TRUE:
            case VALUE_FALSE:
                // The parser has validated the literal, so its text is valid JSON as written.
                out.addJson(key, p.getText());
                break;
            case VALUE_NULL:
                break;
            case START_OBJECT:
            case START_ARRAY:
                out.addJson(key, nestedValue(p, message));
                break;
            default:
                throw new IOException("unexpected token " + value);
        }
    }

    /**
     * The current object or array as compact JSON text. Usually its source text, validated by
     * skipping it with the parser and stripped of whitespace between tokens; re-written through a
     * generator when it holds {@code \\u} escapes (which may encode lone surrogates to repair).
     */
    private String nestedValue(JsonParser p, String message) throws IOException {
        // Duplicate keys inside a nested object would make the shipped document invalid for strict consumers
        // (Elasticsearch refuses it): detect them from here down. Top-level duplicates are renamed instead.
        p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        long start = p.currentTokenLocation().getCharOffset();
        if (start < 0 || start >= message.length()) {
            return copyStructure(p);
        }
        p.skipChildren();
        long end = p.currentLocation().getCharOffset();
        if (end <= start || end > message.length()) {
            throw new IOException("unexpected parser offsets");
        }
        String raw = message.substring((int) start, (int) end);
        if (raw.indexOf("\\u") >= 0) {
            try (JsonParser again = FACTORY.createParser(raw)) {
                again.nextToken();
                return copyStructure(again);
            }
        }
        return compact(raw);
    }

    /** Drops whitespace outside strings; valid input stays valid (JSON strings hold no raw whitespace but spaces). */
    static String compact(String json) {
        int n = json.length();
        int i = 0;
        boolean inString = false;
        for (; i < n; i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                break;
            }
        }
        if (i == n) {
            return json;
        }
        StringBuilder sb = new StringBuilder(n);
        sb.append(json, 0, i);
        for (; i < n; i++) {
            char c = json.charAt(i);
            if (inString) {
                sb.append(c);
                if (c == '\\') {
                    sb.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                if (c == '"') {
                    inString = true;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The current object or array, re-written compactly (no insignificant whitespace). */
    private String copyStructure(JsonParser p) throws IOException {
        JsonGenerator g = generator;
        if (g == null) {
            g = FACTORY.createGenerator(nested);
            generator = g;
        }
        nested.reset();
        int depth = 0;
        do {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                // The parser validated the literal: keep it as written (as a double, 1.50e3 would become 1500.0
                // and 1e400 "Infinity").
                g.writeNumber(p.getText());
            } else {
                g.copyCurrentEvent(p);
            }
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            }
        } while (depth > 0 && p.nextToken() != null);
        g.flush();
        return nested.takeText();
    }

    /** A cheap first test so that ordinary messages cost a few char reads, not a parser. */
    private static boolean looksLikeObject(String s) {
        int start = 0;
        int end = s.length() - 1;
        while (start <= end && Character.isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(s.charAt(end))) {
            end--;
        }
        return start < end && s.charAt(start) == '{' && s.charAt(end) == '}';
    }

    private static boolean fail(ExtractedFields out) {
        out.clear();
        return false;
    }

    /** An unsynchronized writer over a reusable builder that gives back memory after a huge value. */
    private static final class TextWriter extends Writer {
        private StringBuilder sb = new StringBuilder(256);

        @Override
        public void write(char[] cbuf, int off, int len) {
            sb.append(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) {
            sb.append(str, off, off + len);
        }

        @Override
        public void write(int c) {
            sb.append((char) c);
        }

        void reset() {
            sb.setLength(0);
        }

        String takeText() {
            String text = sb.toString();
            if (sb.capacity() > 64 * 1024) {
                sb = new StringBuilder(256);
            } else {
                sb.setLength(0);
            }
            return text;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
