package dev.sluice.testing;

import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import dev.sluice.fields.FieldOptions;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.pipeline.PipelineOptions;
import dev.sluice.transport.Transport;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts pipelines from option pairs, failing the test on configuration errors. */
public final class Pipelines {
    private Pipelines() {
    }

    public static PipelineOptions options(String... nameValue) {
        Options o = new Options();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            o.set(nameValue[i], nameValue[i + 1]);
        }
        OptionReader reader = new OptionReader(o);
        PipelineOptions options = PipelineOptions.read(reader);
        assertThat(reader.errors()).as("pipeline option errors").isEmpty();
        return options;
    }

    public static LogPipeline start(String name, Transport transport, RecordingStatusSink status, String... nameValue) {
        return LogPipeline.start(name, FieldOptions.defaults(), options(nameValue), transport, status);
    }
}
