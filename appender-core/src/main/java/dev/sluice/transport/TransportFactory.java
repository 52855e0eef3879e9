package dev.sluice.transport;

import dev.sluice.config.Backend;
import dev.sluice.config.OptionReader;
import dev.sluice.fields.FieldOptions;

/** Creates a backend's transport from the validated options; must do no I/O. */
public interface TransportFactory {
    Transport create(OptionReader reader, FieldOptions fields);

    /**
     * The backend this factory ships to: its own options and defaults (such as SLS's larger
     * batches) apply, and options of other backends are errors. Null only for test transports,
     * which take every known option.
     */
    default Backend backend() {
        return null;
    }
}
