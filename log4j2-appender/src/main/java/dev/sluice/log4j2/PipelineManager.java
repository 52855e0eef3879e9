package dev.sluice.log4j2;

import dev.sluice.transport.TransportFactory;
import dev.sluice.config.Options;
import dev.sluice.config.OptionsFingerprint;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.pipeline.PipelineAssembly;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractManager;
import org.apache.logging.log4j.core.appender.ManagerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Holds one appender's {@link LogPipeline} (queue, sender thread, connection) across Log4j2
 * reconfigurations. Managers are shared by name: the name is the plugin, the appender name and a
 * fingerprint of every option, so an unchanged appender in a new configuration gets the running
 * pipeline back (nothing queued is lost, no new connection), while a changed one gets a new
 * pipeline and the old one is drained when the old configuration stops using it.
 */
final class PipelineManager extends AbstractManager {
    private static final Factory FACTORY = new Factory();
    private final LogPipeline pipeline;

    private PipelineManager(LoggerContext context, String name, LogPipeline pipeline) {
        super(context, name);
        this.pipeline = pipeline;
    }

    /** @return the shared manager, or null when the options have errors (already reported to the StatusLogger) */
    static PipelineManager obtain(String kind, String appenderName, Options options, LoggerContext context,
                                  TransportFactory transports) {
        String name = kind + ":" + appenderName + ":" + OptionsFingerprint.of(kind, options);
        try {
            return getManager(name, FACTORY, new Request(appenderName, options, context, transports));
        } catch (IllegalStateException e) {
            // Log4j2's answer to a factory that returned null; the reasons were reported already.
            return null;
        }
    }

    LogPipeline pipeline() {
        return pipeline;
    }

    /** Drains and stops the pipeline within its closeTimeout, once the last appender using it stopped. */
    @Override
    protected boolean releaseSub(long timeout, TimeUnit unit) {
        pipeline.stop();
        return true;
    }

    /** What a manager is made from; its toString (used in Log4j2's messages) holds no option value. */
    private static final class Request {
        final String appenderName;
        final Options options;
        final LoggerContext context;
        final TransportFactory transports;

        Request(String appenderName, Options options, LoggerContext context, TransportFactory transports) {
            this.appenderName = appenderName;
            this.options = options;
            this.context = context;
            this.transports = transports;
        }

        @Override
        public String toString() {
            return "appender '" + appenderName + "' " + options;
        }
    }

    private static final class Factory implements ManagerFactory<PipelineManager, Request> {
        @Override
        public PipelineManager createManager(String name, Request r) {
            LogPipeline pipeline;
            try {
                pipeline = PipelineAssembly.start(r.appenderName, r.options, Log4j2StatusSink.INSTANCE, r.transports);
            } catch (RuntimeException | LinkageError e) {
                Log4j2StatusSink.INSTANCE.error("Sluice appender '" + r.appenderName + "': could not start", e);
                return null;
            }
            return pipeline == null ? null : new PipelineManager(r.context, name, pipeline);
        }

        @Override
        public String toString() {
            return "Sluice pipeline factory";
        }
    }
}
