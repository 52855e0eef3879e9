package dev.sluice.transport.sls;

import dev.sluice.fields.FieldComposer;
import dev.sluice.event.Texts;
import dev.sluice.fields.Record;
import dev.sluice.testing.Events;
import dev.sluice.testing.Records;
import dev.sluice.testing.SlsProto;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 1 MB cut, with random records (shown here with a small limit): the log always ends within
 * the limit, never throws, decodes with protobuf-java, and a log that fits is not touched.
 */
class SlsLogEncoderCutPropertyTest {
    private static final int LIMIT = 4_000;
    private final FieldComposer composer = new FieldComposer(Records.fieldOptions());

    @Test
    void randomRecordsAlwaysEndWithinTheLimitAndDecode() {
        Random random = new Random(20261129L);
        SlsLogEncoder encoder = new SlsLogEncoder(LIMIT);
        for (int round = 0; round < 2_000; round++) {
            Map<String, String> mdc = new LinkedHashMap<>();
            int fields = random.nextInt(5) == 0 ? random.nextInt(1_500) : random.nextInt(12);
            int maxKey = random.nextInt(4) == 0 ? 300 : 12;
            int maxValue = random.nextInt(3) == 0 ? 12 : random.nextInt(3) == 0 ? 3_000 : 200;
            for (int i = 0; i < fields; i++) {
                mdc.put("k" + i + text(random, random.nextInt(maxKey)), text(random, random.nextInt(maxValue)));
            }
            String message = text(random, random.nextInt(3) == 0 ? 6_000 : 50);
            Record record = composer.compose(Events.event().message(message).mdcMap(mdc).build());
            String seed = "round " + round + ": " + fields + " fields, keys < " + maxKey + ", values < " + maxValue;

            byte[] bytes = encoder.encodeLog(record);

            assertThat(bytes.length).as(seed).isLessThanOrEqualTo(LIMIT);
            Map<String, String> decoded = SlsProto.log(bytes).map();
            if (!decoded.containsKey(SlsLogEncoder.TRUNCATED_FIELD)) {
                assertThat(decoded).as(seed).containsEntry("message", asSent(message));
                for (Map.Entry<String, String> e : mdc.entrySet()) {
                    assertThat(decoded).as(seed).containsEntry(asSent(e.getKey()), asSent(e.getValue()));
                }
            } else {
                assertThat(decoded).as(seed).containsEntry("level", "INFO");
            }
        }
    }

    @Test
    void thousandsOfFieldsWithShortValuesStillFit() {
        Map<String, String> mdc = new LinkedHashMap<>();
        for (int i = 0; i < 2_000; i++) {
            mdc.put("field_number_" + i, "v");
        }
        byte[] bytes = new SlsLogEncoder(LIMIT).encodeLog(
                composer.compose(Events.event().message("many fields").mdcMap(mdc).build()));

        assertThat(bytes.length).isLessThanOrEqualTo(LIMIT);
        Map<String, String> decoded = SlsProto.log(bytes).map();
        assertThat(decoded).containsEntry("message", "many fields").containsEntry("level", "INFO")
                .containsKey(SlsLogEncoder.TRUNCATED_FIELD);
    }

    @Test
    void oneHugeKeyStillFits() {
        byte[] bytes = new SlsLogEncoder(LIMIT).encodeLog(composer.compose(
                Events.event().message("huge key").mdc("k".repeat(10_000), "v", "after", "x").build()));

        assertThat(bytes.length).isLessThanOrEqualTo(LIMIT);
        assertThat(SlsProto.log(bytes).map()).containsEntry("message", "huge key")
                .containsKey(SlsLogEncoder.TRUNCATED_FIELD);
    }

    /** The text as every encoder carries it: a lone surrogate becomes U+FFFD. */
    private static String asSent(String s) {
        return Texts.repairSurrogates(s);
    }

    /** Random text mixing ASCII, 2- and 3-byte chars, surrogate pairs and lone surrogates. */
    private static String text(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                sb.append((char) ('a' + random.nextInt(26)));
            } else if (kind == 5) {
                sb.append('é');
            } else if (kind == 6) {
                sb.append('价');
            } else if (kind < 9) {
                sb.appendCodePoint(0x1F600 + random.nextInt(50));
            } else {
                sb.append(random.nextBoolean() ? '\uD83D' : '\uDE00');
            }
        }
        return sb.toString();
    }
}
