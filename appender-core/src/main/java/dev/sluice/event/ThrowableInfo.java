package dev.sluice.event;

/**
 * A view of a throwable that the stack-trace renderer reads on the sender thread. Implementations
 * must not throw: a throwable whose accessors throw is rendered with a placeholder instead.
 */
public interface ThrowableInfo {
    /** Identity of the underlying throwable, for cycle detection. */
    Object identity();

    String className();

    /** The message, or null. */
    String message();

    StackTraceElement[] frames();

    ThrowableInfo cause();

    ThrowableInfo[] suppressed();
}
