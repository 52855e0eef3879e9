package dev.sluice.fields;

import dev.sluice.config.OptionReader;
import static dev.sluice.config.OptionCatalogue.*;

import dev.sluice.event.EventLimits;
import dev.sluice.fields.extract.ExtractionOptions;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * What goes into a record: identity, selected built-in fields and their naming, size bounds,
 * fields extracted from the message, and the repeat-collapsing window.
 */
public final class FieldOptions {
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = Integer.parseInt(MAX_MESSAGE_LENGTH.defaultValue());
    public static final int DEFAULT_MAX_STACK_TRACE_LENGTH = Integer.parseInt(MAX_STACK_TRACE_LENGTH.defaultValue());
    public static final int DEFAULT_MAX_VALUE_LENGTH = Integer.parseInt(MAX_VALUE_LENGTH.defaultValue());
    public static final int DEFAULT_MAX_ENTRIES = Integer.parseInt(MAX_ENTRIES.defaultValue());

    private final Identity identity;
    private final Set<BuiltinField> fields;
    private final String builtinFieldsPrefix;
    private final String builtinFieldsSuffix;
    private final boolean includeCallerData;
    private final int maxMessageLength;
    private final int maxStackTraceLength;
    private final ExtractionOptions extraction;
    private final Duration collapseRepeats;
    private final EventLimits limits;

    public FieldOptions(Identity identity, Set<BuiltinField> fields, String builtinFieldsPrefix,
                        String builtinFieldsSuffix, boolean includeCallerData, int maxMessageLength,
                        int maxStackTraceLength) {
        this(identity, fields, builtinFieldsPrefix, builtinFieldsSuffix, includeCallerData, maxMessageLength,
                maxStackTraceLength, ExtractionOptions.disabled(), Duration.ZERO);
    }

    /** @param collapseRepeats the repeat-collapsing window; zero turns collapsing off */
    public FieldOptions(Identity identity, Set<BuiltinField> fields, String builtinFieldsPrefix,
                        String builtinFieldsSuffix, boolean includeCallerData, int maxMessageLength,
                        int maxStackTraceLength, ExtractionOptions extraction, Duration collapseRepeats) {
        this(identity, fields, builtinFieldsPrefix, builtinFieldsSuffix, includeCallerData, maxMessageLength,
                maxStackTraceLength, extraction, collapseRepeats, DEFAULT_MAX_VALUE_LENGTH, DEFAULT_MAX_ENTRIES);
    }

    /**
     * @param maxValueLength bound of each MDC / key/value value, applied when the event is snapshot
     * @param maxEntries     MDC entries plus key/value pairs kept per event
     */
    public FieldOptions(Identity identity, Set<BuiltinField> fields, String builtinFieldsPrefix,
                        String builtinFieldsSuffix, boolean includeCallerData, int maxMessageLength,
                        int maxStackTraceLength, ExtractionOptions extraction, Duration collapseRepeats,
                        int maxValueLength, int maxEntries) {
        this.limits = new EventLimits(maxValueLength, maxEntries, maxStackTraceLength);
        this.identity = identity;
        this.fields = fields.isEmpty() ? EnumSet.noneOf(BuiltinField.class) : EnumSet.copyOf(fields);
        this.builtinFieldsPrefix = builtinFieldsPrefix;
        this.builtinFieldsSuffix = builtinFieldsSuffix;
        this.includeCallerData = includeCallerData;
        this.maxMessageLength = maxMessageLength;
        this.maxStackTraceLength = maxStackTraceLength;
        this.extraction = extraction;
        this.collapseRepeats = collapseRepeats;
    }

    public static FieldOptions defaults() {
        return new FieldOptions(Identity.empty(), EnumSet.allOf(BuiltinField.class), "", "", false,
                DEFAULT_MAX_MESSAGE_LENGTH, DEFAULT_MAX_STACK_TRACE_LENGTH);
    }

    public static FieldOptions read(OptionReader r) {
        Identity identity = Identity.empty();
        try {
            identity = Identity.parse(r.raw(IDENTITY));
        } catch (IllegalArgumentException e) {
            r.error(IDENTITY, e.getMessage());
        }
        Set<BuiltinField> fields = EnumSet.allOf(BuiltinField.class);
        String selection = r.string(FIELDS_SELECTION);
        // "all" is the default spelled out, as the configuration reference shows it.
        if (!selection.equalsIgnoreCase("all")) {
            fields = EnumSet.noneOf(BuiltinField.class);
            for (String name : selection.split(",")) {
                String trimmed = name.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                BuiltinField f = BuiltinField.byName(trimmed);
                if (f == null) {
                    r.error(FIELDS_SELECTION, "unknown field '" + trimmed + "'; known: " + knownNames());
                } else {
                    fields.add(f);
                }
            }
        }
        return new FieldOptions(identity, fields,
                r.raw(BUILTIN_FIELDS_PREFIX),
                r.raw(BUILTIN_FIELDS_SUFFIX),
                r.bool(INCLUDE_CALLER_DATA),
                r.integer(MAX_MESSAGE_LENGTH),
                r.integer(MAX_STACK_TRACE_LENGTH),
                ExtractionOptions.read(r),
                collapseWindow(r),
                r.integer(MAX_VALUE_LENGTH),
                r.integer(MAX_ENTRIES));
    }

    /** {@code off} (the default), {@code 0}, or a window such as {@code 1s}. */
    private static Duration collapseWindow(OptionReader r) {
        String v = r.string(COLLAPSE_REPEATS);
        if (v == null || v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false")) {
            return Duration.ZERO;
        }
        return r.duration(COLLAPSE_REPEATS);
    }

    private static String knownNames() {
        StringBuilder sb = new StringBuilder();
        for (BuiltinField f : BuiltinField.values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(f.canonicalName());
        }
        return sb.toString();
    }

    public Identity identity() {
        return identity;
    }

    public boolean includes(BuiltinField field) {
        return fields.contains(field);
    }

    public String builtinFieldsPrefix() {
        return builtinFieldsPrefix;
    }

    public String builtinFieldsSuffix() {
        return builtinFieldsSuffix;
    }

    public boolean includeCallerData() {
        return includeCallerData;
    }

    public int maxMessageLength() {
        return maxMessageLength;
    }

    public int maxStackTraceLength() {
        return maxStackTraceLength;
    }

    /** What an event snapshot keeps: adapters apply these bounds on the application thread. */
    public EventLimits limits() {
        return limits;
    }

    public ExtractionOptions extraction() {
        return extraction;
    }

    /** The repeat-collapsing window; {@link Duration#ZERO} when collapsing is off. */
    public Duration collapseRepeats() {
        return collapseRepeats;
    }

    /** The name a built-in field carries in the record, with prefix and suffix applied. */
    public String nameOf(BuiltinField field) {
        return nameOf(field.canonicalName());
    }

    /** Prefix + {@code canonicalName} + suffix: how any field Sluice itself adds is named. */
    public String nameOf(String canonicalName) {
        return builtinFieldsPrefix + canonicalName + builtinFieldsSuffix;
    }
}
