package dev.sluice.encode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.event.CallerInfo;
import dev.sluice.fields.FieldOptions;
import dev.sluice.fields.HostInfo;
import dev.sluice.testing.Events;
import dev.sluice.testing.Records;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static dev.sluice.testing.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

/** FieldComposer + JsonEncoder produce the record Logstash expects, with the documented naming rules. */
class LogstashJsonFieldsTest {

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void writesLogstashBuiltinFieldsWithTheirTypes() {
        JsonNode json = new Records(FieldOptions.defaults()).json(event()
                .message("order 42 paid").level("WARN", 30000).logger("com.example.Pay").thread("worker-3").build());

        assertThat(json.get("@version").isTextual()).isTrue();
        assertThat(json.get("@version").asText()).isEqualTo("1");
        assertThat(json.get("message").asText()).isEqualTo("order 42 paid");
        assertThat(json.get("logger_name").asText()).isEqualTo("com.example.Pay");
        assertThat(json.get("thread_name").asText()).isEqualTo("worker-3");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("level_value").isIntegralNumber()).isTrue();
        assertThat(json.get("level_value").asInt()).isEqualTo(30000);
        assertThat(json.get("host").asText()).isNotBlank().isEqualTo(HostInfo.hostName());
        assertThat(json.get("pid").isIntegralNumber()).isTrue();
        assertThat(json.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(json.has("stack_trace")).isFalse();
        assertThat(json.has("tags")).isFalse();
        assertThat(json.has("caller_class_name")).isFalse();
    }

    @Test
    void timestampIsIsoWithOffsetAndMillisecondsOfTheEventInstant() {
        Instant t = Instant.parse("2024-05-06T07:08:09.123456789Z");
        JsonNode json = new Records(FieldOptions.defaults()).json(event().time(t).build());

        String ts = json.get("@timestamp").asText();
        assertThat(ts).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{2}:\\d{2}(:\\d{2})?");
        OffsetDateTime parsed = OffsetDateTime.parse(ts);
        assertThat(parsed.toInstant()).isEqualTo(t.truncatedTo(ChronoUnit.MILLIS));
        assertThat(parsed.getOffset()).isEqualTo(ZoneId.systemDefault().getRules().getOffset(t));
        assertThat(names(json).get(0)).as("@timestamp comes first").isEqualTo("@timestamp");
    }

    @Test
    void identityFieldsAreAtTopLevel() {
        JsonNode json = Records.with("identity", "project=github, application=backend").json(Events.info("x"));
        assertThat(json.get("project").asText()).isEqualTo("github");
        assertThat(json.get("application").asText()).isEqualTo("backend");
    }

    @Test
    void mdcEntriesAreFlattenedAndNullValuesSkipped() {
        JsonNode json = new Records(FieldOptions.defaults()).json(event()
                .mdc("requestId", "r-17", "user", "alice", "empty", null).build());
        assertThat(json.get("requestId").asText()).isEqualTo("r-17");
        assertThat(json.get("user").asText()).isEqualTo("alice");
        assertThat(json.has("empty")).isFalse();
        assertThat(json.has("mdc")).isFalse();
    }

    @Test
    void keyValuePairsAreFlattenedAsTextAndNullsSkipped() {
        JsonNode json = new Records(FieldOptions.defaults()).json(event()
                .keyValues("orderId", 42, "paid", true, "coupon", null, null, "orphan").build());
        assertThat(json.get("orderId").asText()).isEqualTo("42");
        assertThat(json.get("paid").asText()).isEqualTo("true");
        assertThat(json.has("coupon")).isFalse();
        assertThat(json.has("null")).isFalse();
    }

    @Test
    void keyValueWhoseToStringThrowsIsReplacedByAPlaceholder() {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        };
        JsonNode json = new Records(FieldOptions.defaults()).json(event().keyValues("bad", hostile).build());
        assertThat(json.get("bad").asText()).contains("toString() threw").contains("IllegalStateException");
    }

    @Test
    void markersBecomeATagsArray() {
        JsonNode json = new Records(FieldOptions.defaults()).json(event().markers("AUDIT", "SECURITY").build());
        assertThat(json.get("tags").isArray()).isTrue();
        assertThat(json.get("tags")).hasSize(2);
        assertThat(json.get("tags").get(0).asText()).isEqualTo("AUDIT");
        assertThat(json.get("tags").get(1).asText()).isEqualTo("SECURITY");
    }

    @Test
    void fieldsSelectionOmitsEverythingNotSelected() {
        JsonNode json = Records.with("fields", "message, level").json(event()
                .mdc("requestId", "r-1").keyValues("k", "v").markers("M").build());
        assertThat(names(json)).containsExactly("message", "level");
    }

    @Test
    void fieldsAllIsTheDefaultSpelledOut() {
        JsonNode all = Records.with("fields", "ALL").json(event().mdc("requestId", "r-1").build());
        JsonNode defaults = new Records(FieldOptions.defaults()).json(event().mdc("requestId", "r-1").build());
        assertThat(names(all)).isEqualTo(names(defaults)).contains("message", "host", "requestId");
    }

    @Test
    void fieldsSelectionCanKeepMdcWithoutKeyValues() {
        JsonNode json = Records.with("fields", "message,mdc").json(event()
                .mdc("requestId", "r-1").keyValues("k", "v").build());
        assertThat(names(json)).containsExactly("message", "requestId");
    }

    @Test
    void unknownFieldInSelectionIsAConfigurationErrorListingKnownNames() {
        dev.sluice.config.OptionReader r = new dev.sluice.config.OptionReader(
                new dev.sluice.config.Options().set("fields", "message,severity"));
        FieldOptions.read(r);
        assertThat(r.errors()).singleElement().asString()
                .contains("'fields'").contains("'severity'").contains("logger_name");
    }

    @Test
    void builtinFieldsPrefixAndSuffixAreApplied() {
        JsonNode json = Records.with("builtinFieldsPrefix", "_", "builtinFieldsSuffix", "_x")
                .json(event().mdc("message", "from mdc").build());
        assertThat(json.get("_message_x").asText()).isEqualTo("hello");
        assertThat(json.has("_@timestamp_x")).isTrue();
        assertThat(json.has("_level_x")).isTrue();
        assertThat(json.has("_pid_x")).isTrue();
        // with the built-in renamed, an MDC key "message" is free to keep its name
        assertThat(json.get("message").asText()).isEqualTo("from mdc");
        assertThat(json.has("@timestamp")).isFalse();
    }

    @Test
    void prefixUnderscoreGivesUnderscoreMessage() {
        JsonNode json = Records.with("builtinFieldsPrefix", "_").json(Events.info("hi"));
        assertThat(json.get("_message").asText()).isEqualTo("hi");
        assertThat(json.has("message")).isFalse();
    }

    @Test
    void identityKeyEqualToABuiltinReplacesTheBuiltin() {
        JsonNode json = Records.with("identity", "host=web-1,@version=2").json(Events.info("x"));
        assertThat(json.get("host").asText()).isEqualTo("web-1");
        assertThat(json.get("@version").asText()).isEqualTo("2");
    }

    @Test
    void identityKeyEqualToTimestampReplacesTheEncodedTimestamp() {
        JsonNode json = Records.with("identity", "@timestamp=fixed").json(Events.info("x"));
        assertThat(json.get("@timestamp").asText()).isEqualTo("fixed");
    }

    @Test
    void mdcKeyCollidingWithABuiltinIsKeptAsNameMdcAndNeverOverwritesIt() {
        JsonNode json = new Records(FieldOptions.defaults()).json(event()
                .level("ERROR", 40000).mdc("level", "spoofed", "message", "m2").build());
        assertThat(json.get("level").asText()).isEqualTo("ERROR");
        assertThat(json.get("level_mdc").asText()).isEqualTo("spoofed");
        assertThat(json.get("message").asText()).isEqualTo("hello");
        assertThat(json.get("message_mdc").asText()).isEqualTo("m2");
    }

    @Test
    void dynamicNameCollisionsAreNumberedAndNeverDuplicateKeys() {
        JsonNode json = Records.with("identity", "application=shop").json(event()
                .mdc("level", "a", "level_mdc", "b", "application", "c")
                .keyValues("level", "d", "level_mdc", "e", "requestId", "f")
                .build());
        // Json.parse fails on any duplicate key; all six dynamic values survive under distinct names
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("application").asText()).isEqualTo("shop");
        List<String> values = new ArrayList<>();
        json.elements().forEachRemaining(v -> values.add(v.asText()));
        assertThat(values).contains("a", "b", "c", "d", "e", "f");
        assertThat(json.get("application_mdc").asText()).isEqualTo("c");
        assertThat(json.get("level_kv").asText()).isEqualTo("d");
        assertThat(json.get("requestId").asText()).isEqualTo("f");
    }

    @Test
    void keyValueCollidingWithMdcIsKeptUnderNameKv() {
        JsonNode json = new Records(FieldOptions.defaults()).json(event()
                .mdc("user", "alice").keyValues("user", "bob").build());
        assertThat(json.get("user").asText()).isEqualTo("alice");
        assertThat(json.get("user_kv").asText()).isEqualTo("bob");
    }

    @Test
    void callerFieldsAppearOnlyWithIncludeCallerDataAndACallerInfo() {
        CallerInfo caller = new CallerInfo("com.example.Checkout", "pay", "Checkout.java", 123);

        JsonNode on = Records.with("includeCallerData", "true").json(event().caller(caller).build());
        assertThat(on.get("caller_class_name").asText()).isEqualTo("com.example.Checkout");
        assertThat(on.get("caller_method_name").asText()).isEqualTo("pay");
        assertThat(on.get("caller_file_name").asText()).isEqualTo("Checkout.java");
        assertThat(on.get("caller_line_number").isIntegralNumber()).isTrue();
        assertThat(on.get("caller_line_number").asInt()).isEqualTo(123);

        JsonNode off = Records.with("includeCallerData", "false").json(event().caller(caller).build());
        assertThat(names(off)).noneMatch(n -> n.startsWith("caller_"));

        JsonNode onWithoutCaller = Records.with("includeCallerData", "true").json(event().build());
        assertThat(names(onWithoutCaller)).noneMatch(n -> n.startsWith("caller_"));
    }

    @Test
    void stackTraceFieldHoldsTheRenderedThrowable() {
        JsonNode json = new Records(FieldOptions.defaults()).json(event()
                .throwable(new IllegalStateException("bad state", new java.io.IOException("disk"))).build());
        assertThat(json.get("stack_trace").asText())
                .startsWith("java.lang.IllegalStateException: bad state\n\tat ")
                .contains("Caused by: java.io.IOException: disk");
    }
}
