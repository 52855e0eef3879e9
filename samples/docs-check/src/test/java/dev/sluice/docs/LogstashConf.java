package dev.sluice.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Logstash pipeline file, parsed as far as these checks need: sections ({@code input},
 * {@code filter}, {@code output}) of plugins with settings. Values are strings, numbers, booleans,
 * arrays, hashes, or a plugin ({@code codec => json_lines { charset => "UTF-8" }}). Conditionals
 * ({@code if}) are not supported: a pipeline using them fails to parse, naming the line, rather
 * than being half read.
 */
final class LogstashConf {
    /** One plugin: its name, its settings in file order, and the line it starts on. */
    static final class Plugin {
        final String name;
        final Map<String, Object> settings;
        final int line;

        Plugin(String name, Map<String, Object> settings, int line) {
            this.name = name;
            this.settings = settings;
            this.line = line;
        }

        /** A setting as text: a string, or the name of a plugin value ({@code codec => json} gives "json"). */
        String text(String setting) {
            Object v = settings.get(setting);
            return v instanceof Plugin ? ((Plugin) v).name : v == null ? null : String.valueOf(v);
        }

        @Override
        public String toString() {
            return name + settings;
        }
    }

    final Map<String, List<Plugin>> sections;

    private LogstashConf(Map<String, List<Plugin>> sections) {
        this.sections = sections;
    }

    List<Plugin> section(String name) {
        return sections.getOrDefault(name, List.of());
    }

    static LogstashConf parse(String text) {
        return new Parser(text).config();
    }

    /** A recursive-descent parser over the subset of the Logstash configuration grammar described above. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        LogstashConf config() {
            Map<String, List<Plugin>> sections = new LinkedHashMap<>();
            skipSpace();
            while (pos < s.length()) {
                String section = word();
                if (!List.of("input", "filter", "output").contains(section)) {
                    throw error("expected input, filter or output, got '" + section + "'");
                }
                expect('{');
                List<Plugin> plugins = sections.computeIfAbsent(section, k -> new ArrayList<>());
                skipSpace();
                while (peek() != '}') {
                    int line = line();
                    String name = word();
                    if (name.equals("if") || name.equals("else")) {
                        throw error("conditionals are not supported by this parser");
                    }
                    plugins.add(new Plugin(name, block(), line));
                    skipSpace();
                }
                expect('}');
                skipSpace();
            }
            return new LogstashConf(sections);
        }

        /** {@code { name => value ... }} */
        private Map<String, Object> block() {
            expect('{');
            Map<String, Object> settings = new LinkedHashMap<>();
            skipSpace();
            while (peek() != '}') {
                String name = peek() == '"' || peek() == '\'' ? string() : word();
                skipSpace();
                if (!s.startsWith("=>", pos)) {
                    throw error("expected '=>' after '" + name + "'");
                }
                pos += 2;
                if (settings.put(name, value()) != null) {
                    throw error("setting '" + name + "' given twice");
                }
                skipSpace();
            }
            expect('}');
            return settings;
        }

        private Object value() {
            skipSpace();
            char c = peek();
            if (c == '"' || c == '\'') {
                return string();
            }
            if (c == '[') {
                pos++;
                List<Object> list = new ArrayList<>();
                skipSpace();
                while (peek() != ']') {
                    list.add(value());
                    skipSpace();
                    if (peek() == ',') {
                        pos++;
                        skipSpace();
                    }
                }
                pos++;
                return list;
            }
            if (c == '{') {
                return block();
            }
            if (c == '-' || Character.isDigit(c)) {
                int start = pos;
                pos++;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                    pos++;
                }
                return new java.math.BigDecimal(s.substring(start, pos));
            }
            int line = line();
            String word = word();
            if (word.equals("true") || word.equals("false")) {
                return Boolean.valueOf(word);
            }
            skipSpace();
            // A bareword followed by a block is a plugin (a codec with settings); alone, a plugin without settings.
            return new Plugin(word, peek() == '{' ? block() : new LinkedHashMap<>(), line);
        }

        private String string() {
            char quote = s.charAt(pos++);
            StringBuilder sb = new StringBuilder();
            while (pos < s.length() && s.charAt(pos) != quote) {
                char c = s.charAt(pos++);
                if (c == '\\' && pos < s.length()) {
                    c = s.charAt(pos++);
                    sb.append(c == 'n' ? '\n' : c == 't' ? '\t' : c);
                } else {
                    sb.append(c);
                }
            }
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            pos++;
            return sb.toString();
        }

        private String word() {
            skipSpace();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || "_-@.".indexOf(s.charAt(pos)) >= 0)) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a name");
            }
            return s.substring(start, pos);
        }

        private void expect(char c) {
            skipSpace();
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private char peek() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end of file");
            }
            return s.charAt(pos);
        }

        /** Skips white space and comments ({@code #} to the end of the line). */
        private void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (c == '#') {
                    while (pos < s.length() && s.charAt(pos) != '\n') {
                        pos++;
                    }
                } else {
                    return;
                }
            }
        }

        private int line() {
            int line = 1;
            for (int i = 0; i < pos && i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("line " + line() + ": " + message);
        }
    }
}
