package dev.sluice.transport.rabbitmq;

import dev.sluice.fields.FieldComposer;
import dev.sluice.fields.Record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A routing key such as {@code {application}.{level}}: literal text with {@code {field}}
 * placeholders filled from the record. A missing field yields an empty word. Keys are capped at
 * AMQP's 255 bytes. Consecutive events usually give the same key, so the last one is reused
 * without allocating.
 */
final class RoutingKeyTemplate {
    private static final int MAX_KEY_BYTES = 255;

    private final String[] literals;
    private final String[] fields;
    private final String constant;
    private final StringBuilder buffer = new StringBuilder(64);
    private final String[] lastValues;
    private String lastKey;

    RoutingKeyTemplate(String template, FieldComposer composer) {
        List<String> lits = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i) : -1;
            if (close > i) {
                lits.add(lit.toString());
                lit.setLength(0);
                names.add(composer.recordName(template.substring(i + 1, close).trim()));
                i = close + 1;
            } else {
                lit.append(c);
                i++;
            }
        }
        lits.add(lit.toString());
        this.literals = lits.toArray(new String[0]);
        this.fields = names.toArray(new String[0]);
        this.lastValues = new String[fields.length];
        this.constant = fields.length == 0 ? cap(literals[0]) : null;
    }

    static boolean isValid(String template) {
        int open = template.lastIndexOf('{');
        return open < 0 || template.indexOf('}', open) > open;
    }

    String render(Record r) {
        if (constant != null) {
            return constant;
        }
        boolean same = lastKey != null;
        for (int f = 0; f < fields.length; f++) {
            int idx = r.indexOf(fields[f]);
            String value = idx < 0 ? "" : r.text(idx);
            if (value != lastValues[f]) {
                same = same && value.equals(lastValues[f]);
                lastValues[f] = value;
            }
        }
        if (same) {
            return lastKey;
        }
        buffer.setLength(0);
        for (int f = 0; f < fields.length; f++) {
            buffer.append(literals[f]).append(lastValues[f]);
        }
        buffer.append(literals[fields.length]);
        lastKey = cap(buffer.toString());
        return lastKey;
    }

    private static String cap(String key) {
        if (key.length() * 3 <= MAX_KEY_BYTES || key.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES) {
            return key;
        }
        int bytes = 0;
        int i = 0;
        while (i < key.length()) {
            int cp = key.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > MAX_KEY_BYTES) {
                break;
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        return key.substring(0, i);
    }
}
