package dev.sluice.docs;

import dev.sluice.config.OptionCatalogue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Logstash pipelines of samples/logstash and the appender format each is written for. */
final class LogstashPipelines {
    /** File → the appender's {@code format} it reads. */
    static final Map<String, String> FORMAT_OF_FILE = Map.of(
            "rabbitmq-json.conf", "json",
            "rabbitmq-json-lines.conf", "json-lines");
    /** The Logstash codec that decodes each format's messages. */
    static final Map<String, String> CODEC_OF_FORMAT = Map.of(
            "json", "json",
            "json-lines", "json_lines");

    private LogstashPipelines() {
    }

    static List<Path> files() {
        return RepoFiles.samplesMatching(p -> RepoFiles.relative(p).matches("samples/logstash/[^/]+\\.conf"));
    }

    static LogstashConf parse(Path file) {
        try {
            return LogstashConf.parse(RepoFiles.read(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(RepoFiles.relative(file) + ": " + e.getMessage(), e);
        }
    }

    static String formatOf(Path file) {
        String format = FORMAT_OF_FILE.get(file.getFileName().toString());
        if (format == null) {
            throw new IllegalStateException(RepoFiles.relative(file) + " is not in " + FORMAT_OF_FILE.keySet()
                    + "; say which appender format it reads");
        }
        return format;
    }

    /** The one rabbitmq input of a pipeline. */
    static LogstashConf.Plugin rabbitmqInput(LogstashConf conf) {
        List<LogstashConf.Plugin> inputs = conf.section("input");
        if (inputs.size() != 1 || !inputs.get(0).name.equals("rabbitmq")) {
            throw new IllegalStateException("expected exactly one rabbitmq input, got " + inputs);
        }
        return inputs.get(0);
    }

    /**
     * Routing keys the appender's default template gives, e.g. {@code com.shop.Orders.INFO}, and
     * {@code .INFO} for an empty logger name (a missing field gives an empty word).
     */
    static List<String> defaultRoutingKeys() {
        String template = OptionCatalogue.ROUTING_KEY.defaultValue();
        return List.of(render(template, Map.of("logger_name", "com.shop.Orders", "level", "INFO")),
                render(template, Map.of("logger_name", "orders", "level", "ERROR")),
                render(template, Map.of("logger_name", "", "level", "WARN")));
    }

    private static String render(String template, Map<String, String> fields) {
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = fields.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("the default routing key uses {" + m.group(1)
                        + "}; give it a sample value here");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
