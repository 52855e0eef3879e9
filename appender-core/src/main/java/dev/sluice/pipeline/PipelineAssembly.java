package dev.sluice.pipeline;

import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import dev.sluice.fields.FieldOptions;
import dev.sluice.transport.Transport;

import java.util.Map;

/**
 * Builds a started {@link LogPipeline} from raw options, the one way every adapter does it: read
 * and validate all options, report each problem through the status channel naming the option,
 * and start nothing when there is an error.
 */
public final class PipelineAssembly {
    /** Creates the transport from the validated options; must do no I/O. */
    public interface TransportFactory {
        Transport create(OptionReader reader, FieldOptions fields);

        /** Defaults of this backend that differ from the pipeline's, such as a larger batch; the user's options win. */
        default Map<String, String> defaults() {
            return Map.of();
        }
    }

    private PipelineAssembly() {
    }

    /** @return the started pipeline, or null when the configuration has errors (already reported) */
    public static LogPipeline start(String appenderName, Options options, StatusSink status, TransportFactory transports) {
        String label = "Sluice appender '" + appenderName + "': ";
        Options effective = options.copy();
        transports.defaults().forEach((name, value) -> {
            if (!effective.has(name)) {
                effective.set(name, value);
            }
        });
        OptionReader reader = new OptionReader(effective);
        FieldOptions fields = FieldOptions.read(reader);
        PipelineOptions pipeline = PipelineOptions.read(reader);
        Transport transport = transports.create(reader, fields);
        for (String warning : reader.warnings()) {
            status.warn(label + warning, null);
        }
        if (!reader.errors().isEmpty()) {
            for (String error : reader.errors()) {
                status.error(label + error, null);
            }
            status.error(label + "not started because of the configuration errors above", null);
            transport.close();
            return null;
        }
        LogPipeline started = LogPipeline.start(appenderName, fields, pipeline, transport, status);
        status.info(label + "started, shipping to " + transport.describe());
        return started;
    }
}
