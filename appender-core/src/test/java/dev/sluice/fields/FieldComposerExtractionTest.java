package dev.sluice.fields;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import dev.sluice.encode.JsonEncoder;
import dev.sluice.event.LogEvent;
import dev.sluice.testing.Json;
import dev.sluice.testing.Records;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.sluice.testing.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Extraction as the sender composes records: names, conflicts, drop-message, and what both
 * encoders get (the JSON encoder's typed values; the SLS encoder's {@link Record#text(int)} contents).
 */
class FieldComposerExtractionTest {
    private static final String PAYMENT_JSON =
            "{\"user\":\"xiao ming\",\"amount\":12.5,\"reason\":103,\"retry\":false,\"cart\":{\"items\":[1,\"a\"]}}";

    private static LogEvent msg(String message) {
        return event().message(message).build();
    }

    /** What the SLS encoder writes as contents: every field name → Record.text. */
    private static Map<String, String> contents(Record r) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < r.size(); i++) {
            m.put(r.name(i), r.text(i));
        }
        return m;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void offByDefault() {
        JsonNode json = Records.with().json(msg("{\"a\":1} b=2"));
        assertThat(json.has("a")).isFalse();
        assertThat(json.has("b")).isFalse();
        assertThat(Records.with().json(msg("{\"a\":1}")).has("a")).isFalse();
    }

    @Test
    void jsonMembersKeepTheirTypesInTheJsonEncoderAndAreTextInSlsContents() {
        Records records = Records.with("extractJson", "true");
        JsonNode json = records.json(msg(PAYMENT_JSON));
        assertThat(json.get("user").isTextual()).isTrue();
        assertThat(json.get("user").asText()).isEqualTo("xiao ming");
        assertThat(json.get("amount").isDouble()).isTrue();
        assertThat(json.get("amount").asDouble()).isEqualTo(12.5);
        assertThat(json.get("reason").isIntegralNumber()).isTrue();
        assertThat(json.get("reason").asInt()).isEqualTo(103);
        assertThat(json.get("retry").isBoolean()).isTrue();
        assertThat(json.get("cart").isObject()).isTrue();
        assertThat(json.get("cart").get("items").get(1).asText()).isEqualTo("a");
        assertThat(json.get("message").asText()).as("message kept without drop-message").isEqualTo(PAYMENT_JSON);

        Map<String, String> sls = contents(records.composer().compose(msg(PAYMENT_JSON)));
        assertThat(sls).contains(entry("user", "xiao ming"), entry("amount", "12.5"), entry("reason", "103"),
                entry("retry", "false"), entry("cart", "{\"items\":[1,\"a\"]}"));
    }

    @Test
    void kvTestVectorsReachBothEncoders() {
        Records records = Records.with("extractKv", "true");
        String message = "i=c2, k1=\" v 1 \", k2=\"v 2\" k3=\"~!@#=`;.>\"";
        JsonNode json = records.json(msg(message));
        assertThat(json.get("k1").asText()).isEqualTo(" v 1 ");
        assertThat(json.get("k2").asText()).isEqualTo("v 2");
        assertThat(json.get("k3").asText()).isEqualTo("~!@#=`;.>");
        assertThat(json.get("i").asText()).isEqualTo("c2");
        assertThat(json.get("message").asText()).isEqualTo(message);

        assertThat(contents(records.composer().compose(msg("i=c4, 姓名=小明 年龄=中文 "))))
                .contains(entry("姓名", "小明"), entry("年龄", "中文"));
        assertThat(contents(records.composer().compose(msg("k1=\"hello\nworld\" k2=\"good\nmorning\""))))
                .contains(entry("k1", "hello\nworld"), entry("k2", "good\nmorning"));
        JsonNode colon = Records.with("extractKv", "true", "extractKvSeparator", "(?:=|:)").json(msg("k1=v1 k2:v2"));
        assertThat(colon.get("k1").asText()).isEqualTo("v1");
        assertThat(colon.get("k2").asText()).isEqualTo("v2");
    }

    @Test
    void extractedKeysNeverOverwriteBuiltinIdentityOrEarlierFields() {
        Records records = Records.with("extractJson", "true", "identity", "project=shop");
        LogEvent e = event().message("{\"level\":\"x\",\"message\":\"m\",\"project\":\"p\",\"rid\":1,\"rid\":2,\"ok\":3}")
                .mdc("rid", "r-42").build();
        JsonNode json = records.json(e);
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("level_json").asText()).isEqualTo("x");
        assertThat(json.get("message_json").asText()).isEqualTo("m");
        assertThat(json.get("project").asText()).isEqualTo("shop");
        assertThat(json.get("project_json").asText()).isEqualTo("p");
        assertThat(json.get("rid").asText()).as("MDC came first").isEqualTo("r-42");
        assertThat(json.get("rid_json").asInt()).isEqualTo(1);
        assertThat(json.get("rid_json_2").asInt()).isEqualTo(2);
        assertThat(json.get("ok").asInt()).isEqualTo(3);

        JsonNode kv = Records.with("extractKv", "true").json(event().message("level=x pid=y user=u")
                .keyValues("user", "from-slf4j").build());
        assertThat(kv.get("level").asText()).isEqualTo("INFO");
        assertThat(kv.get("level_kv").asText()).isEqualTo("x");
        assertThat(kv.get("pid").isIntegralNumber()).isTrue();
        assertThat(kv.get("pid_kv").asText()).isEqualTo("y");
        assertThat(kv.get("user").asText()).isEqualTo("from-slf4j");
        assertThat(kv.get("user_kv").asText()).isEqualTo("u");
    }

    @Test
    void prefixesAndSuffixesResolveConflicts() {
        JsonNode builtinPrefixed = Records.with("extractKv", "true", "builtinFieldsPrefix", "sys_")
                .json(msg("level=x"));
        assertThat(builtinPrefixed.get("sys_level").asText()).isEqualTo("INFO");
        assertThat(builtinPrefixed.get("level").asText()).isEqualTo("x");

        JsonNode extractPrefixed = Records.with("extractKv", "true", "extractKvPrefix", "kv.", "extractKvSuffix", "_s",
                "extractJson", "true", "extractJsonPrefix", "j_", "extractJsonSuffix", "!").json(msg("level=x"));
        assertThat(extractPrefixed.get("level").asText()).isEqualTo("INFO");
        assertThat(extractPrefixed.get("kv.level_s").asText()).isEqualTo("x");

        JsonNode jsonPrefixed = Records.with("extractJson", "true", "extractJsonPrefix", "j_", "extractJsonSuffix", "!")
                .json(msg("{\"level\":\"x\"}"));
        assertThat(jsonPrefixed.get("j_level!").asText()).isEqualTo("x");
        assertThat(jsonPrefixed.get("level").asText()).isEqualTo("INFO");
    }

    @Test
    void dropMessageOnlyWhenExtractionProducedFields() {
        Records json = Records.with("extractJson", "true", "extractJsonDropMessage", "true");
        assertThat(json.json(msg(PAYMENT_JSON)).has("message")).isFalse();
        assertThat(json.json(msg("{\"a\":1,}")).get("message").asText()).isEqualTo("{\"a\":1,}");
        assertThat(json.json(msg("{\"a\":null}")).get("message").asText()).isEqualTo("{\"a\":null}");

        Records kv = Records.with("extractKv", "true", "extractKvDropMessage", "true");
        assertThat(kv.json(msg("a=1 b=2")).has("message")).isFalse();
        assertThat(kv.json(msg("no pairs")).get("message").asText()).isEqualTo("no pairs");

        StringBuilder tooMany = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            tooMany.append("k").append(i).append("=v ");
        }
        JsonNode cut = kv.json(msg(tooMany.toString()));
        assertThat(cut.has("message")).as("incomplete extraction keeps the message").isTrue();
        assertThat(cut.has("k63")).isTrue();
        assertThat(cut.has("k64")).isFalse();
    }

    @Test
    void jsonFirstThenKvAndOnlyOneOfThem() {
        Records both = Records.with("extractJson", "true", "extractKv", "true", "extractKvDropMessage", "true");
        JsonNode fromJson = both.json(msg("{\"note\":\"a=b\"}"));
        assertThat(fromJson.get("note").asText()).isEqualTo("a=b");
        assertThat(fromJson.has("a")).isFalse();
        assertThat(fromJson.has("message")).as("JSON's drop option is off").isTrue();
        JsonNode fromKv = both.json(msg("{\"broken\" a=b"));
        assertThat(fromKv.get("a").asText()).isEqualTo("b");
        assertThat(fromKv.has("message")).isFalse();
    }

    @Test
    void messagesLongerThanMaxMessageLengthAreNotExtracted() {
        Records records = Records.with("extractKv", "true", "maxMessageLength", "64");
        assertThat(records.json(msg("a=1 " + "x".repeat(100))).has("a")).isFalse();
        assertThat(records.json(msg("a=1")).get("a").asText()).isEqualTo("1");
    }

    @Test
    void encoderOutputIsValidJsonWhateverTheExtractedValues() {
        Records records = Records.with("extractJson", "true");
        String message = "{\"bad\":\"\\ud800 lone\",\"nested\":{\"s\":\"\\udc00\\u0000\\u001f \\\"\",\"emoji\":\"\\ud83d\\ude00\"},"
                + "\"k\\u0000ey\":[1e400,-0.0]}";
        byte[] bytes = records.bytes(msg(message));
        JsonNode json = Json.parse(bytes);
        assertThat(json.get("bad").asText()).isEqualTo("\uFFFD lone");
        assertThat(json.get("nested").get("s").asText()).isEqualTo("\uFFFD\u0000\u001f \"");
        assertThat(json.get("nested").get("emoji").asText()).isEqualTo("\uD83D\uDE00");
        assertThat(json.get("k\u0000ey").isArray()).isTrue();
        assertThat(names(json)).doesNotHaveDuplicates();
    }

    @Test
    void repeatedRecordCarriesCountAndFirstAndLastTimestamps() {
        FieldOptions options = Records.fieldOptions("collapseRepeats", "1s", "builtinFieldsSuffix", "_");
        FieldComposer composer = new FieldComposer(options);
        Instant first = Instant.parse("2024-05-06T07:08:09.123Z");
        Instant last = Instant.parse("2024-05-06T07:08:09.987Z");
        Record r = composer.composeRepeated(event().time(first).message("boom").build(), 42,
                last.getEpochSecond(), last.getNano());
        JsonNode json = Json.parse(new JsonEncoder(composer.timestampFieldName()).encode(r));
        assertThat(json.get("count_").asLong()).isEqualTo(42);
        assertThat(OffsetDateTime.parse(json.get("first_timestamp_").asText()).toInstant()).isEqualTo(first);
        assertThat(OffsetDateTime.parse(json.get("last_timestamp_").asText()).toInstant()).isEqualTo(last);
        assertThat(OffsetDateTime.parse(json.get("@timestamp_").asText()).toInstant()).isEqualTo(first);
        assertThat(json.get("message_").asText()).isEqualTo("boom");

        JsonNode single = Json.parse(new JsonEncoder(composer.timestampFieldName()).encode(composer.compose(
                event().message("count=3").build())));
        assertThat(single.has("count_")).isFalse();
    }

    @Test
    void collapseFieldNamesAreReservedWhenCollapsingIsOn() {
        JsonNode json = Records.with("collapseRepeats", "1s", "extractKv", "true").json(msg("count=3 last_timestamp=x"));
        assertThat(json.get("count_kv").asText()).isEqualTo("3");
        assertThat(json.get("last_timestamp_kv").asText()).isEqualTo("x");
        assertThat(Records.with("extractKv", "true").json(msg("count=3")).get("count").asText()).isEqualTo("3");
    }

    @Test
    void optionsAreValidatedWithTheirNames() {
        Options o = new Options().set("extractKvSeparator", "=?").set("collapseRepeats", "soon")
                .set("extractJson", "maybe");
        OptionReader reader = new OptionReader(o);
        FieldOptions.read(reader);
        assertThat(reader.errors()).anySatisfy(e -> assertThat(e).contains("'extractKvSeparator'").contains("empty string"))
                .anySatisfy(e -> assertThat(e).contains("'collapseRepeats'"))
                .anySatisfy(e -> assertThat(e).contains("'extractJson'"));

        assertThat(Records.fieldOptions().collapseRepeats()).isEqualTo(Duration.ZERO);
        assertThat(Records.fieldOptions("collapseRepeats", "off").collapseRepeats()).isEqualTo(Duration.ZERO);
        assertThat(Records.fieldOptions("collapseRepeats", "0").collapseRepeats()).isEqualTo(Duration.ZERO);
        assertThat(Records.fieldOptions("collapseRepeats", "1s").collapseRepeats()).isEqualTo(Duration.ofSeconds(1));
        assertThat(Records.fieldOptions("extractKvSeparator", "(?:=|:)").extraction().kvSeparator()).hasToString("(?:=|:)");
        assertThat(Records.fieldOptions("extractKvSeparator", " : ").extraction().kvSeparator()).hasToString(":");
    }
}
