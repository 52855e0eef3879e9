package dev.sluice.pipeline;

import dev.sluice.runtime.StatusSink;
import dev.sluice.config.Backend;
import dev.sluice.config.OptionCatalogue;
import dev.sluice.config.OptionReader;
import dev.sluice.config.OptionSpec;
import dev.sluice.config.Options;
import dev.sluice.fields.FieldOptions;
import dev.sluice.transport.Transport;
import dev.sluice.transport.TransportFactory;

/**
 * Builds a started {@link LogPipeline} from raw options, the one way every adapter does it: read
 * and validate all options, report each problem through the status channel naming the option,
 * and start nothing when there is an error.
 */
public final class PipelineAssembly {
    private PipelineAssembly() {
    }

    /** @return the started pipeline, or null when the configuration has errors (already reported) */
    public static LogPipeline start(String appenderName, Options options, StatusSink status, TransportFactory transports) {
        String label = "Sluice appender '" + appenderName + "': ";
        Backend backend = transports.backend();
        OptionReader reader = new OptionReader(options);
        checkNames(options, backend, reader);
        FieldOptions fields = FieldOptions.read(reader);
        PipelineOptions pipeline = PipelineOptions.read(reader, backend);
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

    /** Options set in code (Log4j2's setOption, Spring properties) may be misspelt or meant for another backend. */
    private static void checkNames(Options options, Backend backend, OptionReader reader) {
        for (String name : options.names()) {
            OptionSpec spec = OptionCatalogue.find(name);
            if (spec == null) {
                String closest = OptionCatalogue.closest(name);
                reader.error(name, "is not an option" + (closest == null ? "" : "; did you mean '" + closest + "'?"));
            } else if (backend != null && !spec.appliesTo(backend)) {
                reader.error(name, "is an option of " + spec.group().title() + ", not of " + backend.displayName());
            }
        }
    }
}
