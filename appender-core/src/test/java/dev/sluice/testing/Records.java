package dev.sluice.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import dev.sluice.encode.JsonEncoder;
import dev.sluice.event.LogEvent;
import dev.sluice.fields.FieldComposer;
import dev.sluice.fields.FieldOptions;

import static org.assertj.core.api.Assertions.assertThat;

/** Composes and encodes events the way the sender thread does: FieldComposer, then JsonEncoder. */
public final class Records {
    private final FieldComposer composer;
    private final JsonEncoder encoder;

    public Records(FieldOptions options) {
        this.composer = new FieldComposer(options);
        this.encoder = new JsonEncoder(composer.timestampFieldName());
    }

    /** Field options read from option pairs, as an adapter would; configuration errors fail the test. */
    public static FieldOptions fieldOptions(String... nameValue) {
        Options o = new Options();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            o.set(nameValue[i], nameValue[i + 1]);
        }
        OptionReader reader = new OptionReader(o);
        FieldOptions options = FieldOptions.read(reader);
        assertThat(reader.errors()).as("field option errors").isEmpty();
        return options;
    }

    public static Records with(String... nameValue) {
        return new Records(fieldOptions(nameValue));
    }

    public FieldComposer composer() {
        return composer;
    }

    public byte[] bytes(LogEvent e) {
        return encoder.encode(composer.compose(e));
    }

    public JsonNode json(LogEvent e) {
        return Json.parse(bytes(e));
    }
}
