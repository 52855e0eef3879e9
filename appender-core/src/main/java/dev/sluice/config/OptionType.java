package dev.sluice.config;

/** How an option's value is written and parsed; every configuration style maps its own types onto these. */
public enum OptionType {
    STRING,
    BOOLEAN,
    INT,
    /** {@code 500ms}, {@code 2s}, {@code 1m} or ISO-8601 ({@code PT2S}). */
    DURATION,
    /** {@code 512KB}, {@code 4MB}; a bare number is bytes; K/M/G are powers of 1024. */
    BYTE_SIZE,
    /** One of {@link OptionSpec#allowedValues()}. */
    ENUM,
    /** Comma-separated values. */
    LIST,
    /** {@code k=v,k=v}. */
    MAP
}
