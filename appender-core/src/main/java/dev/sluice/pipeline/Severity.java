package dev.sluice.pipeline;

/**
 * The standard levels on Logback's {@code level_value} scale (Log4j2's levels are mapped onto it by
 * the adapter): what {@code overflowReserveLevel} names and what drops are counted by.
 */
public enum Severity {
    TRACE(5_000),
    DEBUG(10_000),
    INFO(20_000),
    WARN(30_000),
    ERROR(40_000),
    /** Log4j2 only. */
    FATAL(50_000);

    private final int levelValue;

    Severity(int levelValue) {
        this.levelValue = levelValue;
    }

    /** The lowest {@code level_value} of this severity. */
    public int levelValue() {
        return levelValue;
    }

    /**
     * The highest severity whose value {@code levelValue} reaches (TRACE for anything lower), so a
     * custom level between two standard ones counts as the lower. Allocation-free, for the drop path.
     */
    public static Severity of(int levelValue) {
        if (levelValue >= 30_000) {
            return levelValue >= 50_000 ? FATAL : levelValue >= 40_000 ? ERROR : WARN;
        }
        return levelValue >= 20_000 ? INFO : levelValue >= 10_000 ? DEBUG : TRACE;
    }
}
