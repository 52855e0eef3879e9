package dev.sluice.log4j2;

import dev.sluice.event.DeferredMessage;
import dev.sluice.event.ImmutableArguments;
import org.apache.logging.log4j.message.ParameterizedMessage;

/** A Log4j2 {@code {}} pattern with immutable arguments, formatted on the sender thread exactly as Log4j2 would. */
final class ParameterizedDeferredMessage implements DeferredMessage {
    private final String pattern;
    private final Object[] arguments;

    ParameterizedDeferredMessage(String pattern, Object[] arguments) {
        this.pattern = pattern;
        this.arguments = arguments;
    }

    @Override
    public String format() {
        return ParameterizedMessage.format(pattern, arguments);
    }

    @Override
    public long estimatedBytes() {
        return 2L * pattern.length() + ImmutableArguments.estimatedBytes(arguments);
    }
}
