package dev.sluice.log4j2;

import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@code <Capture name="..."/>}: keeps formatted messages in memory, to show other appenders keep working. */
@Plugin(name = "Capture", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class CaptureAppender extends AbstractAppender {
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final StringBuffer text = new StringBuffer();

    private CaptureAppender(String name) {
        super(name, null, null, true, Property.EMPTY_ARRAY);
    }

    @PluginFactory
    public static CaptureAppender create(@PluginAttribute("name") String name) {
        return new CaptureAppender(name);
    }

    @Override
    public void append(LogEvent event) {
        messages.add(event.getMessage().getFormattedMessage());
        text.append(event.getLevel()).append(" [").append(event.getThreadName()).append("] ")
                .append(event.getLoggerName()).append(' ').append(event.getContextData()).append(" - ")
                .append(event.getMessage().getFormattedMessage()).append('\n');
        for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
    }

    /** Everything appended, with level, thread, logger, context data and throwables (for secret checks). */
    String text() {
        return text.toString();
    }

    List<String> messages() {
        return messages;
    }
}
