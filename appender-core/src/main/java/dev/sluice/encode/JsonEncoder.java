package dev.sluice.encode;

import dev.sluice.fields.IsoTimestampFormatter;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import dev.sluice.fields.Record;
import dev.sluice.event.Texts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a {@link Record} as one Logstash-compatible JSON object, UTF-8, straight to bytes with
 * Jackson's streaming generator. {@link Record.Kind#JSON} values (extracted numbers, booleans,
 * objects, arrays) are written as JSON values, not strings. Strings are repaired (unpaired surrogates become U+FFFD) so the
 * output is always valid UTF-8 JSON. One instance per sender thread: the generator and buffer are reused.
 */
public final class JsonEncoder {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(64).build())
            .rootValueSeparator((String) null)
            // Emoji and other supplementary characters as 4 raw UTF-8 bytes, not two escaped surrogates.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private final ByteSink sink = new ByteSink(8192);
    private final IsoTimestampFormatter timestamps = new IsoTimestampFormatter();
    private JsonGenerator generator;
    private final String timestampFieldName;

    /** @param timestampFieldName name of the {@code @timestamp} field, or null to leave it out */
    public JsonEncoder(String timestampFieldName) {
        this.timestampFieldName = timestampFieldName;
        this.generator = newGenerator();
    }

    private JsonGenerator newGenerator() {
        try {
            return FACTORY.createGenerator(sink, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes the record and returns a fresh byte array holding exactly its JSON. */
    public byte[] encode(Record r) {
        sink.reset();
        try {
            write(r);
            generator.flush();
        } catch (IOException | RuntimeException e) {
            // The generator is now mid-object: start the next event on a fresh one.
            generator = newGenerator();
            sink.reset();
            throw e instanceof IOException ? new UncheckedIOException((IOException) e) : (RuntimeException) e;
        }
        return sink.toByteArray();
    }

    private void write(Record r) throws IOException {
        JsonGenerator g = generator;
        g.writeStartObject();
        if (timestampFieldName != null) {
            g.writeFieldName(timestampFieldName);
            char[] ts = timestamps.format(r.epochSecond(), r.nanoOfSecond());
            g.writeString(ts, 0, timestamps.length());
        }
        for (int i = 0, n = r.size(); i < n; i++) {
            g.writeFieldName(Texts.repairSurrogates(r.name(i)));
            switch (r.kind(i)) {
                case LONG:
                    g.writeNumber(r.longValue(i));
                    break;
                case STRING_LIST:
                    List<String> list = r.listValue(i);
                    g.writeStartArray();
                    for (int j = 0; j < list.size(); j++) {
                        writeString(g, list.get(j));
                    }
                    g.writeEndArray();
                    break;
                case JSON:
                    // Compact JSON produced by Jackson from an extracted message, so it is one valid value.
                    g.writeRawValue(Texts.repairSurrogates(r.stringValue(i)));
                    break;
                default:
                    writeString(g, r.stringValue(i));
            }
        }
        g.writeEndObject();
    }

    private static void writeString(JsonGenerator g, String s) throws IOException {
        if (s == null) {
            g.writeNull();
        } else {
            g.writeString(Texts.repairSurrogates(s));
        }
    }
}
