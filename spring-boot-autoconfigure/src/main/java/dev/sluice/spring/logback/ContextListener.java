package dev.sluice.spring.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.spi.LifeCycle;
import dev.sluice.spring.PipelineRegistry;

/**
 * Keeps the forwarding appenders attached to a Logback context for as long as it lives.
 *
 * <ul>
 *   <li>{@code onReset} (a plain {@code reset()}, the start of every {@code stop()}) and {@code onStart}
 *       re-attach: a reset detaches every appender.</li>
 *   <li>{@code onStop} is either the end (Boot's logging shutdown handler, a user's {@code stop()}): the
 *       pipelines are drained and stopped; or the first half of Spring Boot re-initialising logging
 *       ({@code LoggingSystem.cleanUp()} + {@code initialize()}: Boot's {@code stopAndReset} stops the
 *       context, resets it and configures it again). Then the pipelines are kept, and since {@code stop()}
 *       removes every listener, even reset-resistant ones, a {@link Revival} registered with the context
 *       puts this listener back during the reset that follows.</li>
 * </ul>
 */
final class ContextListener implements LoggerContextListener {
    private final LoggerContext context;
    private final PipelineRegistry registry;

    ContextListener(LoggerContext context, PipelineRegistry registry) {
        this.context = context;
        this.registry = registry;
    }

    PipelineRegistry registry() {
        return registry;
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void onStart(LoggerContext ctx) {
        registry.reattach();
    }

    @Override
    public void onReset(LoggerContext ctx) {
        // The reset cleared the object map.
        ctx.putObject(LogbackRegistries.KEY, registry);
        registry.reattach();
    }

    @Override
    public void onStop(LoggerContext ctx) {
        if (BootReinitialization.inProgress()) {
            ctx.register(new Revival());
        } else {
            registry.shutdown();
        }
    }

    @Override
    public void onLevelChange(Logger logger, Level level) {
    }

    /** Stopped by the reset that follows a stop (a context's components are stopped on reset): re-adds the listener. */
    private final class Revival implements LifeCycle {
        private volatile boolean started = true;

        @Override
        public void start() {
            started = true;
        }

        @Override
        public void stop() {
            started = false;
            if (!context.getCopyOfListenerList().contains(ContextListener.this)) {
                context.addListener(ContextListener.this);
            }
        }

        @Override
        public boolean isStarted() {
            return started;
        }
    }
}
