package dev.sluice.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.encode.JsonEncoder;
import dev.sluice.transport.sls.SlsLogEncoder;
import dev.sluice.event.LogEvent;
import dev.sluice.fields.FieldComposer;
import dev.sluice.fields.Record;
import dev.sluice.testing.Events;
import dev.sluice.testing.Records;
import dev.sluice.testing.SlsProto;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Seeded hostile input through the field composer (both extractors on), the JSON encoder and the SLS
 * encoder: no exception, strictly valid JSON, protobuf that protobuf-java decodes, and the bounds held.
 * 100,000 cases in the normal build; {@code -Pfuzz} runs millions ({@code -Dsluice.fuzz.cases},
 * {@code -Dsluice.fuzz.seed} to reproduce a case).
 */
class HostileInputFuzzTest {
    private static final long SEED = Long.getLong("sluice.fuzz.seed", 20261202L);
    private static final int CASES = Integer.getInteger("sluice.fuzz.cases", 100_000);
    private static final int MAX_MESSAGE = 4_096;
    private static final int SLS_LIMIT = 64 * 1024;
    /** The checker must not be the limit: Sluice's own output is what is judged. */
    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private final FieldComposer[] composers = {
        new FieldComposer(Records.fieldOptions("extractJson", "true", "extractKv", "true", "maxMessageLength", "" + MAX_MESSAGE)),
        new FieldComposer(Records.fieldOptions("extractJson", "true", "extractJsonDropMessage", "true", "extractJsonPrefix", "j_",
                "maxMessageLength", "" + MAX_MESSAGE)),
        new FieldComposer(Records.fieldOptions("extractKv", "true", "extractKvDropMessage", "true", "extractKvSeparator", "(?:=|:)",
                "builtinFieldsPrefix", "@", "maxMessageLength", "" + MAX_MESSAGE)),
    };

    @Test
    void hostileMessagesKeepEveryEncoderValidAndBounded() {
        HostileText text = new HostileText(SEED);
        Random random = text.random();
        SlsLogEncoder sls = new SlsLogEncoder(SLS_LIMIT);
        JsonEncoder[] json = new JsonEncoder[composers.length];
        for (int c = 0; c < composers.length; c++) {
            json[c] = new JsonEncoder(composers[c].timestampFieldName());
        }
        for (int i = 0; i < CASES; i++) {
            String message = text.next();
            Events.Builder event = Events.event().message(message);
            if (random.nextInt(4) == 0) {
                event.mdc(text.noise(random.nextInt(20)), text.noise(random.nextInt(200)), "message", text.next());
            }
            if (random.nextInt(4) == 0) {
                event.keyValues(text.noise(random.nextInt(20)), text.next(), "level", random.nextLong());
            }
            LogEvent e = event.build();
            int c = random.nextInt(composers.length);
            try {
                Record record = composers[c].compose(e);
                JsonNode node = STRICT.readTree(json[c].encode(record));
                assertThat(node.isObject()).isTrue();
                JsonNode shipped = node.path(c == 2 ? "@message" : "message");
                if (shipped.isTextual()) {
                    assertThat(shipped.asText().length()).isLessThanOrEqualTo(MAX_MESSAGE + 64);
                }
                byte[] protobuf = sls.encodeLog(record);
                assertThat(protobuf.length).isLessThanOrEqualTo(SLS_LIMIT);
                assertThat(SlsProto.log(protobuf).contents).isNotEmpty();
            } catch (Exception | AssertionError ex) {
                throw new AssertionError("case " + i + " of seed " + SEED + " (composer " + c + "), message "
                        + preview(message), ex);
            }
        }
    }

    /** 4× the input must cost well under 16× the time (quadratic): the best of several runs of each size. */
    @Test
    void extractionAndEncodingTakeLinearTime() {
        FieldComposer composer = new FieldComposer(Records.fieldOptions("extractJson", "true", "extractKv", "true",
                "maxMessageLength", "" + (64 << 20)));
        JsonEncoder json = new JsonEncoder(composer.timestampFieldName());
        SlsLogEncoder sls = new SlsLogEncoder();
        HostileText text = new HostileText(SEED);
        // Each family grows by repeating one hostile unit, so 4x the size is 4x the same kind of work.
        String pairs = text.keyValues(8) + " ";
        String noise = text.noise(1_000);
        List<IntFunction<String>> families = List.of(
            n -> repeat(pairs, n),
            n -> "[".repeat(n / 2) + "1" + "]".repeat(n / 2),
            n -> "{\"a\":".repeat(n / 6) + "1" + "}".repeat(n / 6),
            n -> "{\"k\":\"" + "\\\"".repeat(n / 2) + "\"}",
            n -> "a=\"" + "\\".repeat(n),
            n -> repeat(noise, n));
        for (IntFunction<String> family : families) {
            String small = family.apply(16_000);
            String large = family.apply(64_000);
            // Noise only blurs a ratio, while quadratic work gives ~16x every time: the lowest of three attempts.
            double ratio = Double.MAX_VALUE;
            for (int attempt = 0; attempt < 3 && ratio >= 10.0; attempt++) {
                long[] best = bestOfInterleaved(() -> encode(composer, json, sls, small),
                        () -> encode(composer, json, sls, large));
                ratio = Math.min(ratio, (double) best[1] / best[0]);
            }
            assertThat(ratio).as("time for 4x the input of " + preview(small)).isLessThan(10.0);
        }
    }

    private static String repeat(String unit, int length) {
        return unit.repeat(Math.max(1, length / unit.length()));
    }

    private static void encode(FieldComposer composer, JsonEncoder json, SlsLogEncoder sls, String message) {
        Record r = composer.compose(Events.info(message));
        json.encode(r);
        sls.encodeLog(r);
    }

    /**
     * The shortest of many runs of each, measured alternately after both are warmed up, so that JIT
     * compilation and a busy machine weigh on both sizes alike; each run repeats the work enough
     * times to last some milliseconds, so that timer and scheduling noise stay small beside it.
     */
    private static long[] bestOfInterleaved(Runnable small, Runnable large) {
        long warm = System.nanoTime();
        while (System.nanoTime() - warm < 300_000_000L) { // long enough for the JIT to compile both paths
            small.run();
            large.run();
        }
        int repeats = 1;
        while (timed(small, repeats) < 20_000_000L && repeats < 1 << 16) {
            repeats *= 2;
        }
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
        for (int i = 0; i < 9; i++) {
            best[0] = Math.min(best[0], timed(small, repeats));
            best[1] = Math.min(best[1], timed(large, repeats));
        }
        best[0] = Math.max(best[0], 1);
        return best;
    }

    private static long timed(Runnable work, int repeats) {
        long start = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            work.run();
        }
        return System.nanoTime() - start;
    }

    private static String preview(String s) {
        String head = s.length() > 120 ? s.substring(0, 120) + "...(" + s.length() + " chars)" : s;
        StringBuilder sb = new StringBuilder();
        for (char ch : head.toCharArray()) {
            sb.append(ch < 0x20 || Character.isSurrogate(ch) ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
        }
        return sb.toString();
    }
}
