package dev.sluice.pipeline;

/** What a log call does when the queue is full. */
public enum Overflow {
    /** Drop the event and count it; the log call never waits (default). */
    DROP,
    /** Wait up to {@code maxBlock} for room, then drop and count. */
    BLOCK
}
