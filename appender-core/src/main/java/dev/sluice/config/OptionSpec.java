package dev.sluice.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The declaration of one option: its canonical name, type, default, bounds, the backends it applies
 * to, whether it is secret, and a one-line description. {@link OptionCatalogue} holds them all; the
 * readers, the configuration styles and the documentation derive from these declarations.
 */
public final class OptionSpec {
    private final String name;
    private final OptionType type;
    private final OptionGroup group;
    private final String defaultValue;
    private final Map<Backend, String> backendDefaults;
    private final String defaultDoc;
    private final List<String> allowedValues;
    private final long min;
    private final long max;
    private final Duration minDuration;
    private final Duration maxDuration;
    private final boolean sensitive;
    private final boolean required;
    private final String description;

    private OptionSpec(Builder b) {
        this.name = b.name;
        this.type = b.type;
        this.group = b.group;
        this.defaultValue = b.defaultValue;
        this.backendDefaults = Collections.unmodifiableMap(new EnumMap<>(b.backendDefaults));
        this.defaultDoc = b.defaultDoc;
        this.allowedValues = b.allowedValues;
        this.min = b.min;
        this.max = b.max;
        this.minDuration = b.minDuration;
        this.maxDuration = b.maxDuration;
        this.sensitive = b.sensitive;
        this.required = b.required;
        this.description = Objects.requireNonNull(b.description, "description of " + b.name);
    }

    static Builder builder(String name, OptionType type, OptionGroup group) {
        return new Builder(name, type, group);
    }

    /** Canonical camelCase name, the same in logback.xml and log4j2.xml. */
    public String name() {
        return name;
    }

    /** The name in kebab-case, as Spring properties write it ({@code maxQueueBytes} → {@code max-queue-bytes}). */
    public String kebabName() {
        return kebab(name);
    }

    static String kebab(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                sb.append('-').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public OptionType type() {
        return type;
    }

    public OptionGroup group() {
        return group;
    }

    /** True when the option applies to every backend (fields, pipeline, connection). */
    public boolean shared() {
        return group.shared();
    }

    public boolean appliesTo(Backend backend) {
        return group.appliesTo(backend);
    }

    /** The default as text the core parses ({@code 200ms}, {@code 64MB}, {@code drop}), or null when there is none or it is computed. */
    public String defaultValue() {
        return defaultValue;
    }

    /** The default for one backend, where it differs (SLS batches are larger); else {@link #defaultValue()}. */
    public String defaultValue(Backend backend) {
        String specific = backendDefaults.get(backend);
        return specific != null ? specific : defaultValue;
    }

    /** Backends whose default differs from {@link #defaultValue()}. */
    public Map<Backend, String> backendDefaults() {
        return backendDefaults;
    }

    /** The default as documentation shows it; never null. */
    public String defaultDoc() {
        if (defaultDoc != null) {
            return defaultDoc;
        }
        if (defaultValue == null) {
            return required ? "required" : "none";
        }
        return defaultValue.isEmpty() ? "empty" : defaultValue;
    }

    /** The values an {@link OptionType#ENUM} option accepts, as users write them; empty for other types. */
    public List<String> allowedValues() {
        return allowedValues;
    }

    /** Inclusive bounds of an INT or BYTE_SIZE option. */
    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /** Inclusive bounds of a DURATION option. */
    public Duration minDuration() {
        return minDuration;
    }

    public Duration maxDuration() {
        return maxDuration;
    }

    /** A secret: never printed, masked by configuration styles that can mask. */
    public boolean sensitive() {
        return sensitive;
    }

    /** Required for its backend whatever else is set. */
    public boolean required() {
        return required;
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return name;
    }

    static final class Builder {
        private final String name;
        private final OptionType type;
        private final OptionGroup group;
        private String defaultValue;
        private final Map<Backend, String> backendDefaults = new EnumMap<>(Backend.class);
        private String defaultDoc;
        private List<String> allowedValues = List.of();
        private long min = Long.MIN_VALUE;
        private long max = Long.MAX_VALUE;
        private Duration minDuration = Duration.ZERO;
        private Duration maxDuration = Duration.ofDays(365);
        private boolean sensitive;
        private boolean required;
        private String description;

        private Builder(String name, OptionType type, OptionGroup group) {
            this.name = name;
            this.type = type;
            this.group = group;
        }

        Builder defaultValue(String value) {
            this.defaultValue = value;
            return this;
        }

        Builder defaultFor(Backend backend, String value) {
            backendDefaults.put(backend, value);
            return this;
        }

        /** How the docs show a default that is computed or needs words. */
        Builder defaultDoc(String doc) {
            this.defaultDoc = doc;
            return this;
        }

        Builder allowed(String... values) {
            this.allowedValues = Collections.unmodifiableList(Arrays.asList(values));
            return this;
        }

        Builder range(long min, long max) {
            this.min = min;
            this.max = max;
            return this;
        }

        Builder range(Duration min, Duration max) {
            this.minDuration = min;
            this.maxDuration = max;
            return this;
        }

        Builder sensitive() {
            this.sensitive = true;
            return this;
        }

        Builder required() {
            this.required = true;
            return this;
        }

        OptionSpec describe(String description) {
            this.description = description;
            return new OptionSpec(this);
        }
    }
}
