package dev.sluice.transport.sls;

import com.google.protobuf.CodedOutputStream;
import dev.sluice.encode.EncodedEvent;
import dev.sluice.fields.FieldComposer;
import dev.sluice.fields.HostInfo;
import dev.sluice.testing.Events;
import dev.sluice.testing.Records;
import dev.sluice.testing.SlsProto;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Sluice's hand-written SLS protobuf, decoded with protobuf-java against the schema of sls-protocol.md. */
class SlsWireFormatTest {
    private final FieldComposer composer = new FieldComposer(Records.fieldOptions("identity", "project=shop,application=backend"));

    @Test
    void logCarriesTimeAndEveryFieldAsContent() {
        SlsLogEncoder encoder = new SlsLogEncoder();
        byte[] bytes = encoder.encode(composer.compose(Events.event().message("order 42 placed")
                .mdc("requestId", "r-1", "tenant", "acme").keyValues("amount", 12).build())).body();

        SlsProto.Log log = SlsProto.log(bytes);
        assertThat(log.time).isEqualTo(Events.DEFAULT_TIME.getEpochSecond());
        assertThat(log.timeNs).isEqualTo(Events.DEFAULT_TIME.getNano());
        Map<String, String> c = log.map();
        assertThat(log.keys()).doesNotContain("@timestamp");
        assertThat(c).containsEntry("message", "order 42 placed")
                .containsEntry("@version", "1")
                .containsEntry("logger_name", "com.example.shop.OrderService")
                .containsEntry("thread_name", "http-nio-8080-exec-1")
                .containsEntry("level", "INFO")
                .containsEntry("level_value", "20000")
                .containsEntry("host", HostInfo.hostName())
                .containsEntry("pid", Long.toString(HostInfo.pid()))
                .containsEntry("project", "shop")
                .containsEntry("application", "backend")
                .containsEntry("requestId", "r-1")
                .containsEntry("tenant", "acme")
                .containsEntry("amount", "12");
    }

    @Test
    void extractedJsonValuesBecomeTheirJsonText() {
        FieldComposer extracting = new FieldComposer(Records.fieldOptions("extractJson", "true"));
        byte[] bytes = new SlsLogEncoder().encodeLog(extracting.compose(
                Events.info("{\"n\": 12.50, \"ok\": false, \"nested\": {\"a\": [1, \"x\"]}, \"s\": \"text\"}")));

        Map<String, String> c = SlsProto.log(bytes).map();
        assertThat(c).containsEntry("n", "12.50")
                .containsEntry("ok", "false")
                .containsEntry("nested", "{\"a\":[1,\"x\"]}")
                .containsEntry("s", "text");
    }

    @Test
    void textIsUtf8AndLoneSurrogatesBecomeReplacementCharacters() {
        String text = "价格 €5 😀 \u0000 end";
        SlsProto.Log log = SlsProto.log(new SlsLogEncoder().encodeLog(composer.compose(Events.info(text))));
        assertThat(log.map().get("message")).isEqualTo(text);

        SlsProto.Log lone = SlsProto.log(new SlsLogEncoder().encodeLog(composer.compose(Events.info("a\uD800b\uDC00c"))));
        assertThat(lone.map().get("message")).isEqualTo("a\uFFFDb\uFFFDc"); // as in JSON: one policy
    }

    @Test
    void oversizedLogIsCutWithAMarkerInsteadOfRejected() {
        int limit = 4_000;
        SlsLogEncoder encoder = new SlsLogEncoder(limit);
        String huge = "x".repeat(10_000) + "😀".repeat(3_000);
        byte[] bytes = encoder.encodeLog(composer.compose(Events.event().message(huge).mdc("big", "y".repeat(5_000)).build()));

        assertThat(bytes.length).isLessThanOrEqualTo(limit);
        Map<String, String> c = SlsProto.log(bytes).map();
        assertThat(c.get(SlsLogEncoder.TRUNCATED_FIELD)).startsWith("log of ").contains("bytes cut");
        assertThat(c.get("message")).endsWith(SlsLogEncoder.CUT_MARK).startsWith("xxxx");
        assertThat(c).containsEntry("level", "INFO").containsEntry("project", "shop");
    }

    @Test
    void smallLogIsNotCut() {
        byte[] bytes = new SlsLogEncoder(4_000).encodeLog(composer.compose(Events.info("short")));
        assertThat(SlsProto.log(bytes).map()).doesNotContainKey(SlsLogEncoder.TRUNCATED_FIELD);
    }

    @Test
    void groupHasLogsTopicSourceAndTagsInOrder() {
        SlsLogEncoder encoder = new SlsLogEncoder();
        List<EncodedEvent> events = List.of(
                encoder.encode(composer.compose(Events.info("first"))),
                encoder.encode(composer.compose(Events.info("second"))),
                encoder.encode(composer.compose(Events.info("third"))));
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("zone", "eu-1");
        tags.put("env", "prod");
        LogGroupWriter writer = new LogGroupWriter("orders", tags);

        byte[] body = writer.write(events, 1, 3, "10.0.0.7");

        SlsProto.Group group = SlsProto.group(body);
        assertThat(group.logs).extracting(l -> l.map().get("message")).containsExactly("second", "third");
        assertThat(group.topic).isEqualTo("orders");
        assertThat(group.source).isEqualTo("10.0.0.7");
        assertThat(group.tags).containsExactly(Map.entry("zone", "eu-1"), Map.entry("env", "prod"));
        long expected = writer.trailerSize("10.0.0.7") + LogGroupWriter.framedSize(events.get(1).body().length)
                + LogGroupWriter.framedSize(events.get(2).body().length);
        assertThat(body.length).isEqualTo(expected);
    }

    /** A request body is written into a buffer of exactly its size: never grown, never copied (a LogGroup is MBs). */
    @Test
    void fieldsWrittenIntoABufferOfTheirExactSizeNeitherGrowNorCopyIt() {
        String[] values = {"orders", "10.0.0.7", "\u00e9t\u00e9 \u4e2d\u6587", "\ud83d\ude00 and a lone \ud800", ""};
        for (String value : values) {
            int size = ProtobufWriter.fieldSize(ProtobufWriter.utf8Length(value)) + ProtobufWriter.varintSize(300) + 1;
            ProtobufWriter out = new ProtobufWriter(size);
            byte[] buffer = out.buffer();
            out.string(4, value);
            out.tag(1, ProtobufWriter.VARINT);
            out.varint(300);
            assertThat(out.size()).as(value).isEqualTo(size);
            assertThat(out.buffer()).as(value).isSameAs(buffer);
        }
    }

    @Test
    void groupWithoutTopicOrTagsOmitsThem() {
        byte[] body = new LogGroupWriter(null, Map.of()).write(List.of(), 0, 0, null);
        SlsProto.Group group = SlsProto.group(body);
        assertThat(group.topic).isNull();
        assertThat(group.source).isNull();
        assertThat(group.tags).isEmpty();
    }

    @Test
    void primitivesMatchProtobufJava() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            long varint = i < 64 ? (1L << i) - 1 : random.nextLong() >>> random.nextInt(64);
            int fixed = random.nextInt();
            String text = randomText(random);
            ProtobufWriter ours = new ProtobufWriter(8);
            ours.varint(varint);
            ours.tag(4, ProtobufWriter.FIXED32);
            ours.fixed32(fixed);
            ours.string(2, text);

            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            CodedOutputStream ref = CodedOutputStream.newInstance(expected);
            ref.writeUInt64NoTag(varint);
            ref.writeFixed32(4, fixed);
            ref.writeString(2, text);
            ref.flush();
            assertThat(ours.toByteArray()).as("varint %d, text %s", varint, text).isEqualTo(expected.toByteArray());
            assertThat(ProtobufWriter.varintSize(varint)).isEqualTo(CodedOutputStream.computeUInt64SizeNoTag(varint));
        }
    }

    @Test
    void charsWithinNeverSplitsASurrogatePair() {
        String s = "ab😀c";
        assertThat(ProtobufWriter.charsWithin(s, 2)).isEqualTo(2);
        assertThat(ProtobufWriter.charsWithin(s, 5)).isEqualTo(2);
        assertThat(ProtobufWriter.charsWithin(s, 6)).isEqualTo(4);
        assertThat(ProtobufWriter.charsWithin(s, 100)).isEqualTo(5);
    }

    /** Valid UTF-16 only: protobuf-java replaces lone surrogates differently. */
    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
            int cp;
            switch (random.nextInt(4)) {
                case 0: cp = random.nextInt(0x80); break;
                case 1: cp = 0x80 + random.nextInt(0x780); break;
                case 2: cp = 0x800 + random.nextInt(0xD000 - 0x800); break;
                default: cp = 0x10000 + random.nextInt(0x10FFFF - 0x10000); break;
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
