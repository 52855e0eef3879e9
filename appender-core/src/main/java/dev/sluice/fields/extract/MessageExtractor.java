package dev.sluice.fields.extract;

/**
 * Runs the configured extractors on a formatted message: JSON first (a message that is a JSON
 * object is never scanned for pairs), then key=value. Holds the result until the next call.
 * One instance per sender thread; never throws.
 */
public final class MessageExtractor {
    private final ExtractionOptions options;
    private final JsonExtractor json;
    private final KvExtractor kv;
    private final ExtractedFields fields = new ExtractedFields();
    private boolean fromJson;

    public MessageExtractor(ExtractionOptions options) {
        this.options = options;
        this.json = options.json() ? new JsonExtractor() : null;
        this.kv = options.kv() ? new KvExtractor(options.kvSeparator()) : null;
    }

    /** True when {@code message} yielded at least one field; they are then in {@link #fields()}. */
    public boolean extract(String message) {
        fields.clear();
        if (message == null) {
            return false;
        }
        if (json != null && json.extract(message, fields)) {
            fromJson = true;
            return true;
        }
        if (kv != null && kv.extract(message, fields)) {
            fromJson = false;
            return true;
        }
        fields.clear();
        return false;
    }

    public ExtractedFields fields() {
        return fields;
    }

    /** Whether the last successful extraction lets the message be left out (drop-message on, nothing skipped). */
    public boolean dropMessage() {
        return fields.size() > 0 && fields.complete()
                && (fromJson ? options.jsonDropMessage() : options.kvDropMessage());
    }

    /** The record name wanted for extracted key {@code key}: prefix + key + suffix. */
    public String nameOf(String key) {
        String prefix = fromJson ? options.jsonPrefix() : options.kvPrefix();
        String suffix = fromJson ? options.jsonSuffix() : options.kvSuffix();
        // Without affixes keep the parser's canonical String: its hash is cached for the name checks.
        return prefix.isEmpty() && suffix.isEmpty() ? key : prefix + key + suffix;
    }

    /** Appended to a wanted name that is already taken: {@code _json} or {@code _kv}. */
    public String conflictSuffix() {
        return fromJson ? "_json" : "_kv";
    }
}
