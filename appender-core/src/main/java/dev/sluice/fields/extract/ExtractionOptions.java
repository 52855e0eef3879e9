package dev.sluice.fields.extract;

import dev.sluice.config.OptionReader;
import static dev.sluice.config.OptionCatalogue.*;


/** Which extractors run on the formatted message, and how their fields are named. */
public final class ExtractionOptions {
    private static final ExtractionOptions DISABLED =
            new ExtractionOptions(false, false, "", "", false, false, "", "", KvSeparator.equalsSign());

    private final boolean json;
    private final boolean jsonDropMessage;
    private final String jsonPrefix;
    private final String jsonSuffix;
    private final boolean kv;
    private final boolean kvDropMessage;
    private final String kvPrefix;
    private final String kvSuffix;
    private final KvSeparator kvSeparator;

    public ExtractionOptions(boolean json, boolean jsonDropMessage, String jsonPrefix, String jsonSuffix,
                             boolean kv, boolean kvDropMessage, String kvPrefix, String kvSuffix,
                             KvSeparator kvSeparator) {
        this.json = json;
        this.jsonDropMessage = jsonDropMessage;
        this.jsonPrefix = jsonPrefix;
        this.jsonSuffix = jsonSuffix;
        this.kv = kv;
        this.kvDropMessage = kvDropMessage;
        this.kvPrefix = kvPrefix;
        this.kvSuffix = kvSuffix;
        this.kvSeparator = kvSeparator;
    }

    public static ExtractionOptions disabled() {
        return DISABLED;
    }

    public static ExtractionOptions read(OptionReader r) {
        KvSeparator separator = KvSeparator.equalsSign();
        // Trimmed: spaces around the separator are allowed anyway.
        String regex = r.string(EXTRACT_KV_SEPARATOR);
        if (!regex.equals(EXTRACT_KV_SEPARATOR.defaultValue())) {
            try {
                separator = KvSeparator.of(regex);
            } catch (IllegalArgumentException e) {
                r.error(EXTRACT_KV_SEPARATOR, e.getMessage());
            }
        }
        return new ExtractionOptions(
                r.bool(EXTRACT_JSON),
                r.bool(EXTRACT_JSON_DROP_MESSAGE),
                r.raw(EXTRACT_JSON_PREFIX),
                r.raw(EXTRACT_JSON_SUFFIX),
                r.bool(EXTRACT_KV),
                r.bool(EXTRACT_KV_DROP_MESSAGE),
                r.raw(EXTRACT_KV_PREFIX),
                r.raw(EXTRACT_KV_SUFFIX),
                separator);
    }

    public boolean json() {
        return json;
    }

    public boolean jsonDropMessage() {
        return jsonDropMessage;
    }

    public String jsonPrefix() {
        return jsonPrefix;
    }

    public String jsonSuffix() {
        return jsonSuffix;
    }

    public boolean kv() {
        return kv;
    }

    public boolean kvDropMessage() {
        return kvDropMessage;
    }

    public String kvPrefix() {
        return kvPrefix;
    }

    public String kvSuffix() {
        return kvSuffix;
    }

    public KvSeparator kvSeparator() {
        return kvSeparator;
    }

    public boolean any() {
        return json || kv;
    }
}
