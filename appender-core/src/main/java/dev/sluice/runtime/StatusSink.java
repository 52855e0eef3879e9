package dev.sluice.runtime;

/**
 * The framework's own status channel (Logback's StatusManager, Log4j2's StatusLogger). The library
 * reports through it and never through the logging system it serves. Must be thread-safe.
 */
public interface StatusSink {
    void info(String message);

    void warn(String message, Throwable cause);

    void error(String message, Throwable cause);
}
