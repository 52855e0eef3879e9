package dev.sluice.logback;

import dev.sluice.event.DeferredMessage;
import dev.sluice.event.ImmutableArguments;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J {@code {}} template with immutable arguments, formatted on the sender thread exactly as Logback would. */
final class Slf4jDeferredMessage implements DeferredMessage {
    private final String template;
    private final Object[] arguments;

    Slf4jDeferredMessage(String template, Object[] arguments) {
        this.template = template;
        this.arguments = arguments;
    }

    @Override
    public String format() {
        return MessageFormatter.basicArrayFormat(template, arguments);
    }

    @Override
    public long estimatedBytes() {
        return 2L * template.length() + ImmutableArguments.estimatedBytes(arguments);
    }
}
