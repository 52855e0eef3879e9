package dev.sluice.spring;

/** Receives the options a properties class holds, as the generated {@code collectOptions} methods hand them out. */
@FunctionalInterface
public interface OptionSink {
    /**
     * @param name      the canonical option name ("batchSize")
     * @param kebabName its property name ("batch-size")
     * @param value     the bound value, or null when the property is not set
     */
    void accept(String name, String kebabName, Object value);
}
