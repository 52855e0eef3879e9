package dev.sluice.docs;

import dev.sluice.config.OptionCatalogue;
import dev.sluice.fields.FieldComposer;
import dev.sluice.fields.FieldOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Logstash pipelines of samples/logstash agree with the appender's defaults, read from the
 * option catalogue: same exchange, type and durability (RabbitMQ refuses a second declaration that
 * differs), a binding key that routes every default routing key, the codec of the format, and the
 * appender's {@code @timestamp} as the time of each event and of its daily index.
 */
class LogstashPipelineTest {

    static List<Path> pipelines() {
        return LogstashPipelines.files();
    }

    @Test
    void thereIsOnePipelinePerFormat() {
        assertThat(pipelines().stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                .isEqualTo(LogstashPipelines.FORMAT_OF_FILE.keySet());
        assertThat(LogstashPipelines.FORMAT_OF_FILE.values())
                .containsExactlyInAnyOrderElementsOf(OptionCatalogue.FORMAT.allowedValues());
    }

    @ParameterizedTest
    @MethodSource("pipelines")
    void theInputDeclaresAndBindsWhatTheAppenderPublishesTo(Path file) {
        LogstashConf.Plugin input = LogstashPipelines.rabbitmqInput(LogstashPipelines.parse(file));

        assertThat(input.settings.get("exchange")).isEqualTo(OptionCatalogue.EXCHANGE.defaultValue());
        assertThat(input.settings.get("exchange_type")).isEqualTo(OptionCatalogue.EXCHANGE_TYPE.defaultValue());
        // The rabbitmq input declares the exchange with its 'durable' setting (the queue's too).
        assertThat(input.settings.get("durable")).isEqualTo(Boolean.valueOf(OptionCatalogue.DURABLE.defaultValue()));
        String key = (String) input.settings.get("key");
        assertThat(LogstashPipelines.defaultRoutingKeys()).allSatisfy(
                routingKey -> assertThat(TopicPattern.matches(key, routingKey))
                        .as("binding key '%s' routes '%s'", key, routingKey).isTrue());
        // A queue that outlives Logstash keeps what is published while it is down.
        assertThat(input.text("queue")).isNotBlank();
        assertThat(input.settings.get("auto_delete")).isEqualTo(false);
        assertThat(input.settings.get("exclusive")).isEqualTo(false);
    }

    @ParameterizedTest
    @MethodSource("pipelines")
    void theCodecIsTheFormatsAndKeepsFieldsAtTheTop(Path file) {
        String format = LogstashPipelines.formatOf(file);
        LogstashConf.Plugin input = LogstashPipelines.rabbitmqInput(LogstashPipelines.parse(file));

        assertThat(OptionCatalogue.FORMAT.allowedValues()).contains(format);
        assertThat(input.text("codec")).isEqualTo(LogstashPipelines.CODEC_OF_FORMAT.get(format));
        // With a target, @timestamp would be nested and the event's time would be its arrival.
        Object codec = input.settings.get("codec");
        assertThat(((LogstashConf.Plugin) codec).settings).doesNotContainKey("target");
    }

    @Test
    void theDefaultFormatHasItsPipeline() {
        assertThat(LogstashPipelines.FORMAT_OF_FILE).containsEntry("rabbitmq-json.conf",
                OptionCatalogue.FORMAT.defaultValue());
    }

    @ParameterizedTest
    @MethodSource("pipelines")
    void eventsAreIndexedByDayOfTheirTimestamp(Path file) {
        LogstashConf conf = LogstashPipelines.parse(file);

        // No filter: nothing renames or replaces @timestamp between the codec and the output.
        assertThat(conf.section("filter")).isEmpty();
        assertThat(conf.section("output")).hasSize(1);
        LogstashConf.Plugin output = conf.section("output").get(0);
        assertThat(output.name).isEqualTo("elasticsearch");
        String index = output.text("index");
        assertThat(index).contains("%{+YYYY.MM.dd}");
        // Elasticsearch 8's built-in template turns indices named logs-*-* into data streams.
        assertThat(index).doesNotStartWith("logs-");
    }

    @Test
    void theEncoderWritesTheTimestampUnderTheNameLogstashReads() {
        // Logstash turns a top-level "@timestamp" into the event's time; a prefix would rename it.
        assertThat(OptionCatalogue.BUILTIN_FIELDS_PREFIX.defaultValue()).isEmpty();
        assertThat(new FieldComposer(FieldOptions.defaults()).timestampFieldName()).isEqualTo("@timestamp");
    }

    @Test
    void theParserReadsWhatThePipelinesUse() {
        LogstashConf conf = LogstashConf.parse("input { rabbitmq { key => \"#\" durable => true port => 5672 "
                + "codec => json_lines { charset => 'UTF-8' } } }\n# comment\noutput { elasticsearch { hosts => "
                + "[\"http://a:9200\", \"http://b:9200\"] } }");
        LogstashConf.Plugin input = conf.section("input").get(0);
        assertThat(input.settings.get("key")).isEqualTo("#");
        assertThat(input.settings.get("durable")).isEqualTo(true);
        assertThat(input.text("port")).isEqualTo("5672");
        assertThat(input.text("codec")).isEqualTo("json_lines");
        assertThat(((LogstashConf.Plugin) input.settings.get("codec")).settings).containsEntry("charset", "UTF-8");
        assertThat(conf.section("output").get(0).settings.get("hosts"))
                .isEqualTo(List.of("http://a:9200", "http://b:9200"));
        assertThat(TopicPattern.matches("#", "a.b")).isTrue();
        assertThat(TopicPattern.matches("*.INFO", "com.shop.Orders.INFO")).isFalse();
        assertThat(TopicPattern.matches("#.INFO", "com.shop.Orders.INFO")).isTrue();
    }
}
