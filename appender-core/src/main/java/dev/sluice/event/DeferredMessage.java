package dev.sluice.event;

/**
 * A message whose formatting is postponed to the sender thread. Adapters create one only when
 * every argument is immutable (see {@link ImmutableArguments}), so the text is the same as if it had
 * been formatted at the call.
 */
public interface DeferredMessage {
    String format();

    /** Rough memory held, for the queue's byte bound. */
    long estimatedBytes();
}
