package dev.sluice.encode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.event.DeferredMessage;
import dev.sluice.event.LogEvent;
import dev.sluice.fields.FieldOptions;
import dev.sluice.testing.Events;
import dev.sluice.testing.Json;
import dev.sluice.testing.Records;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static dev.sluice.testing.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whatever the text, the encoder writes one valid, strictly UTF-8 JSON object. */
class JsonEncoderTextSafetyTest {
    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, a valid surrogate pair

    private final Records records = new Records(FieldOptions.defaults());

    @Test
    void longMessageIsTruncatedWithAVisibleMarkerCountingTheCutChars() {
        String message = "a".repeat(100);
        JsonNode json = Records.with("maxMessageLength", "64").json(Events.info(message));
        assertThat(json.get("message").asText()).isEqualTo("a".repeat(64) + "...[truncated 36 chars]");
    }

    @Test
    void messageAtExactlyMaxLengthIsNotTruncated() {
        String message = "b".repeat(64);
        JsonNode json = Records.with("maxMessageLength", "64").json(Events.info(message));
        assertThat(json.get("message").asText()).isEqualTo(message);
    }

    @Test
    void controlCharactersAndNulRoundTripEscaped() {
        String message = "a\u0000b\u0001c\td\ne\r\u001f\u007f\"q\"\\end";
        byte[] bytes = records.bytes(Events.info(message));
        String text = Json.strictUtf8(bytes);
        assertThat(text).doesNotContain("\u0000").doesNotContain("\u0001").doesNotContain("\n");
        assertThat(Json.parse(bytes).get("message").asText()).isEqualTo(message);
    }

    @Test
    void loneHighAndLowSurrogatesBecomeReplacementCharacters() {
        JsonNode json = records.json(event()
                .message("high\uD800 low\uDC00 reversed\uDC00\uD800 end\uD83D")
                .build());
        assertThat(json.get("message").asText())
                .isEqualTo("high\uFFFD low\uFFFD reversed\uFFFD\uFFFD end\uFFFD");
    }

    @Test
    void validSurrogatePairsArePreserved() {
        byte[] bytes = records.bytes(Events.info("smile " + EMOJI + " ok"));
        // Jackson may write the pair raw (4 UTF-8 bytes) or as two escaped UTF-16 units; both decode to the emoji
        assertThat(Json.parse(bytes).get("message").asText()).isEqualTo("smile " + EMOJI + " ok");
        assertThat(Json.strictUtf8(bytes)).doesNotContain("\uFFFD");
    }

    @Test
    void surrogatesInFieldNamesMdcAndTagsAreRepairedToo() {
        JsonNode json = records.json(event()
                .mdc("key\uD800", "value\uDC00")
                .markers("tag\uDBFF")
                .logger("logger\uDFFF")
                .thread("thread" + EMOJI)
                .build());
        assertThat(json.get("key\uFFFD").asText()).isEqualTo("value\uFFFD");
        assertThat(json.get("tags").get(0).asText()).isEqualTo("tag\uFFFD");
        assertThat(json.get("logger_name").asText()).isEqualTo("logger\uFFFD");
        assertThat(json.get("thread_name").asText()).isEqualTo("thread" + EMOJI);
    }

    @Test
    void fiveMegabyteMessageWithHostileCharactersIsValidJson() {
        StringBuilder sb = new StringBuilder(5 * 1024 * 1024 + 16);
        StringBuilder expected = new StringBuilder(sb.capacity());
        int i = 0;
        while (sb.length() < 5 * 1024 * 1024) {
            switch (i++ % 6) {
                case 0: sb.append("plain text "); expected.append("plain text "); break;
                case 1: sb.append(EMOJI); expected.append(EMOJI); break;
                case 2: sb.append('\u0000'); expected.append('\u0000'); break;
                case 3: sb.append('\uD800'); expected.append('\uFFFD'); break;
                case 4: sb.append("\u00e9\u4e2d"); expected.append("\u00e9\u4e2d"); break;
                default: sb.append('\uDC00'); expected.append('\uFFFD'); break;
            }
        }
        Records big = Records.with("maxMessageLength", String.valueOf(8 * 1024 * 1024));
        JsonNode json = big.json(Events.info(sb.toString()));
        assertThat(json.get("message").asText()).isEqualTo(expected.toString());
        // and the encoder is still fine for a small event afterwards (its buffer shrank back)
        assertThat(big.json(Events.info("small")).get("message").asText()).isEqualTo("small");
    }

    @Test
    void nullMessageIsJsonNullAndEmptyMessageIsEmptyString() {
        JsonNode nullMessage = records.json(Events.info(null));
        assertThat(nullMessage.has("message")).isTrue();
        assertThat(nullMessage.get("message").isNull()).isTrue();

        JsonNode empty = records.json(Events.info(""));
        assertThat(empty.get("message").isTextual()).isTrue();
        assertThat(empty.get("message").asText()).isEmpty();
    }

    @Test
    void nullLevelLoggerAndThreadAreJsonNulls() {
        JsonNode json = records.json(event().level(null, 0).logger(null).thread(null).build());
        assertThat(json.get("level").isNull()).isTrue();
        assertThat(json.get("logger_name").isNull()).isTrue();
        assertThat(json.get("thread_name").isNull()).isTrue();
    }

    @Test
    void deferredMessageIsFormattedOnCompose() {
        DeferredMessage deferred = new DeferredMessage() {
            @Override
            public String format() {
                return "formatted later";
            }

            @Override
            public long estimatedBytes() {
                return 64;
            }
        };
        assertThat(records.json(Events.info(deferred)).get("message").asText()).isEqualTo("formatted later");
    }

    @Test
    void encodingTheSameRecordTwiceGivesIdenticalBytes() {
        LogEvent e = event().mdc("a", "1", "b", "2").keyValues("k", 3).markers("M")
                .throwable(new RuntimeException("x")).build();
        byte[] first = records.bytes(e);
        byte[] second = records.bytes(e);
        assertThat(second).isEqualTo(first);
        assertThat(first[0]).as("no root separator before the object").isEqualTo((byte) '{');
        assertThat(first[first.length - 1]).isEqualTo((byte) '}');
    }

    @Test
    void oneEncoderServesManyEventsEachAsExactlyOneObject() {
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 2_000; i++) {
            Events.Builder b = event().time(base.plusMillis(i * 7L)).message("event-" + i);
            if (i % 3 == 0) {
                b.mdc("n", String.valueOf(i), "extra" + (i % 5), "x");
            }
            if (i % 500 == 0) {
                b.message("big-" + i + "-" + "z".repeat(2 * 1024 * 1024));
            }
            JsonNode json = records.json(b.build());
            String message = json.get("message").asText();
            if (i % 500 == 0) {
                assertThat(message).startsWith("big-" + i + "-");
            } else {
                assertThat(message).isEqualTo("event-" + i);
            }
            if (i % 3 == 0) {
                assertThat(json.get("n").asText()).isEqualTo(String.valueOf(i));
            } else {
                assertThat(json.has("n")).isFalse();
            }
            assertThat(java.time.OffsetDateTime.parse(json.get("@timestamp").asText()).toInstant())
                    .isEqualTo(base.plusMillis(i * 7L));
        }
    }

    @Test
    void returnedBytesAreACopyNotTheReusedBuffer() {
        byte[] first = records.bytes(Events.info("first"));
        byte[] snapshot = first.clone();
        records.bytes(Events.info("second, and longer than the first"));
        assertThat(first).isEqualTo(snapshot);
    }

    /**
     * A key/value key whose toString() returns null gives the record a null field name. Whatever
     * happens to that one event, the reused generator must not be left half-way through an object:
     * the next, ordinary event must still encode to one valid object.
     */
    @Test
    void aFailedEncodeDoesNotPoisonTheReusedGeneratorForLaterEvents() {
        Object nullNamedKey = new Object() {
            @Override
            public String toString() {
                return null;
            }
        };
        LogEvent hostile = event().keyValues(nullNamedKey, "v").build();
        try {
            records.json(hostile);
        } catch (RuntimeException | AssertionError ignored) {
            // this one event may fail; the point is the next one
        }
        JsonNode next = records.json(Events.info("after the failure"));
        assertThat(next.get("message").asText()).isEqualTo("after the failure");
    }

    @Test
    void deferredMessageThatThrowsFailsComposeButNotTheNextEvent() {
        DeferredMessage failing = new DeferredMessage() {
            @Override
            public String format() {
                throw new IllegalArgumentException("bad pattern");
            }

            @Override
            public long estimatedBytes() {
                return 10;
            }
        };
        assertThatThrownBy(() -> records.bytes(Events.info(failing))).isInstanceOf(IllegalArgumentException.class);
        assertThat(records.json(Events.info("fine")).get("message").asText()).isEqualTo("fine");
    }
}
