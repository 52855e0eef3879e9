package dev.sluice.fuzz;

import java.util.Random;

/**
 * Seeded generators of hostile log text: valid and mutated JSON, key=value text, surrogates and
 * control characters, deep nesting and long runs. The same seed gives the same cases, so a failure
 * names a reproducible case.
 */
final class HostileText {
    private static final String[] KEYS = {"user", "amount", "level", "message", "a", "", "k e y", "ключ", "\uD83D\uDE00",
            "x".repeat(200), "@timestamp", "count"};
    private static final String SPECIAL = "\"\\{}[]:,= \t\n\r\u0000\u001f\u007f\u2028\uFEFF\uFFFF";

    private final Random random;

    HostileText(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** One message of a family chosen at random; lengths mostly small, sometimes large. */
    String next() {
        switch (random.nextInt(8)) {
            case 0: return json(random.nextInt(4));
            case 1: return mutate(json(random.nextInt(4)));
            case 2: return keyValues(random.nextInt(12));
            case 3: return mutate(keyValues(random.nextInt(12)));
            case 4: return noise(size());
            case 5: return nested(random.nextInt(random.nextInt(10) == 0 ? 20_000 : 64));
            case 6: return "{\"k\":\"" + noise(size()) + "\"}";
            default: return words(size());
        }
    }

    private int size() {
        int r = random.nextInt(100);
        return r < 90 ? random.nextInt(64) : r < 99 ? random.nextInt(4_096) : random.nextInt(300_000);
    }

    String json(int depth) {
        StringBuilder sb = new StringBuilder("{");
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(escape(key())).append("\":").append(value(depth));
        }
        return sb.append('}').toString();
    }

    private String value(int depth) {
        switch (random.nextInt(depth > 0 ? 8 : 6)) {
            case 0: return Long.toString(random.nextLong());
            case 1: return Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 2: return random.nextBoolean() ? "true" : "false";
            case 3: return "null";
            case 4: return "1e" + (random.nextInt(800) - 400);
            case 5: return '"' + escape(noise(random.nextInt(40))) + '"';
            case 6: return json(depth - 1);
            default:
                StringBuilder sb = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append(value(depth - 1));
                }
                return sb.append(']').toString();
        }
    }

    String keyValues(int pairs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pairs; i++) {
            sb.append(i == 0 ? "" : random.nextBoolean() ? " " : ", ").append(key());
            sb.append(random.nextInt(5) == 0 ? " = " : "=");
            switch (random.nextInt(4)) {
                case 0: sb.append('"').append(noise(random.nextInt(30))).append(random.nextBoolean() ? "\"" : ""); break;
                case 1: sb.append('\'').append(noise(random.nextInt(30))).append('\''); break;
                case 2: sb.append(random.nextInt(100_000)); break;
                default: sb.append(noise(random.nextInt(10)).replace(' ', '_'));
            }
        }
        return sb.toString();
    }

    String nested(int depth) {
        boolean arrays = random.nextBoolean();
        StringBuilder sb = new StringBuilder(depth * 6 + 2);
        for (int i = 0; i < depth; i++) {
            sb.append(arrays ? "[" : "{\"a\":");
        }
        sb.append('1');
        int closed = random.nextInt(4) == 0 ? random.nextInt(depth + 1) : depth; // sometimes unbalanced
        for (int i = 0; i < closed; i++) {
            sb.append(arrays ? ']' : '}');
        }
        return sb.toString();
    }

    /** Random chars: specials, lone and paired surrogates, controls, letters. */
    String noise(int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            int kind = random.nextInt(10);
            if (kind < 4) {
                sb.append((char) ('a' + random.nextInt(26)));
            } else if (kind < 6) {
                sb.append(SPECIAL.charAt(random.nextInt(SPECIAL.length())));
            } else if (kind == 6) {
                sb.append((char) (0xD800 + random.nextInt(0x800))); // any surrogate, paired or not by chance
            } else if (kind == 7) {
                sb.appendCodePoint(0x1F600 + random.nextInt(80));
            } else if (kind == 8) {
                sb.append((char) random.nextInt(0x20));
            } else {
                sb.append((char) random.nextInt(0xD800));
            }
        }
        return sb.toString();
    }

    private String words(int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            sb.append(key()).append(random.nextBoolean() ? '=' : ' ');
        }
        return sb.toString();
    }

    /** Flips, inserts, deletes and duplicates a few chars, as a broken producer would. */
    String mutate(String s) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
            switch (random.nextInt(4)) {
                case 0:
                    if (sb.length() > 0) {
                        sb.deleteCharAt(at);
                    }
                    break;
                case 1: sb.insert(at, SPECIAL.charAt(random.nextInt(SPECIAL.length()))); break;
                case 2: sb.insert(at, (char) (0xD800 + random.nextInt(0x800))); break;
                default:
                    if (sb.length() > 0) {
                        sb.insert(at, sb, at, Math.min(sb.length(), at + random.nextInt(20)));
                    }
            }
        }
        return sb.toString();
    }

    private String key() {
        return random.nextInt(3) == 0 ? noise(1 + random.nextInt(12)) : KEYS[random.nextInt(KEYS.length)];
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
