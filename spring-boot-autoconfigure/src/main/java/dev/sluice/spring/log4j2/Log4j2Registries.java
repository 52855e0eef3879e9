package dev.sluice.spring.log4j2;

import dev.sluice.spring.PipelineRegistry;
import org.apache.logging.log4j.core.LoggerContext;

import java.beans.PropertyChangeEvent;

/**
 * Finds or creates the {@link PipelineRegistry} of a Log4j2 context. It lives in the context's object map;
 * a property-change listener re-attaches the appenders to every new configuration (a reconfigure, Boot
 * re-initialising logging), and a shutdown listener drains the pipelines when the context stops (Boot's
 * logging shutdown handler).
 */
public final class Log4j2Registries {
    static final String KEY = "dev.sluice.spring.PipelineRegistry";

    private Log4j2Registries() {
    }

    /** The registry of the current Log4j2 core context, or null when log4j-api is not backed by log4j-core. */
    public static PipelineRegistry current() {
        LoggerContext context = Log4j2Target.currentContext();
        return context == null ? null : obtain(context);
    }

    public static PipelineRegistry obtain(LoggerContext context) {
        synchronized (Log4j2Registries.class) {
            if (context.getObject(KEY) instanceof PipelineRegistry registry) {
                return registry;
            }
            PipelineRegistry registry = new PipelineRegistry(new Log4j2Target(context));
            context.putObjectIfAbsent(KEY, registry);
            context.addPropertyChangeListener((PropertyChangeEvent event) -> {
                // updateLoggers() fires this too, with the same configuration: only a new one needs the appenders.
                if (LoggerContext.PROPERTY_CONFIG.equals(event.getPropertyName())
                        && event.getOldValue() != event.getNewValue()) {
                    registry.reattach();
                }
            });
            context.addShutdownListener(stopped -> registry.shutdown());
            return registry;
        }
    }
}
