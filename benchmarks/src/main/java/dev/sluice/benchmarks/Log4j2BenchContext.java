package dev.sluice.benchmarks;

import dev.sluice.log4j2.SluiceRabbitMqAppender;
import dev.sluice.pipeline.PipelineStats;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.NullConfiguration;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.springframework.amqp.rabbit.log4j2.AmqpAppender;

import java.lang.reflect.Method;

/**
 * The Log4j2 counterpart of {@link BenchContext}: one appender of a {@link BenchContext.Kind} on the
 * root logger of its own LoggerContext (synchronous loggers, Log4j2's default thread-local reusable
 * events). Appenders are built with their builders, as a log4j2.xml would build them.
 */
final class Log4j2BenchContext implements AutoCloseable {
    private final BenchContext.Kind kind;
    private final LoggerContext context;
    private final Appender appender;
    private final String exchange;

    private Log4j2BenchContext(BenchContext.Kind kind, LoggerContext context, Appender appender, String exchange) {
        this.kind = kind;
        this.context = context;
        this.appender = appender;
        this.exchange = exchange;
    }

    /** Sets the two ThreadContext (MDC) entries of the workload on the calling thread. */
    static void setWorkloadThreadContext() {
        ThreadContext.put(Workload.MDC_REQUEST_ID, Workload.requestId());
        ThreadContext.put(Workload.MDC_TENANT, "acme-retail");
    }

    static Log4j2BenchContext create(BenchContext.Kind kind, String exchange) {
        LoggerContext ctx = new LoggerContext("bench-log4j2-" + kind.name().toLowerCase());
        ctx.start(new NullConfiguration());
        Configuration config = ctx.getConfiguration();
        AmqpEndpoint endpoint = kind == BenchContext.Kind.NOOP ? null : BenchContext.broker();
        Appender appender;
        switch (kind) {
            case NOOP:
                appender = new Log4j2NoopAppender("noop");
                break;
            case SLUICE:
                appender = SluiceRabbitMqAppender.newBuilder().setName("sluice").setConfiguration(config)
                        .setUri(endpoint.uri()).setExchange(exchange).build();
                break;
            case SPRING:
                BenchContext.declareExchange(endpoint, exchange);
                appender = springAppender(config, endpoint, exchange);
                break;
            default:
                throw new IllegalArgumentException(String.valueOf(kind));
        }
        if (appender == null) {
            throw new IllegalStateException(kind + " appender was not built; see the StatusLogger output above");
        }
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        // Whatever default appender Log4j2 put there (it would print every event) goes.
        for (String name : new java.util.ArrayList<>(root.getAppenders().keySet())) {
            root.removeAppender(name);
        }
        root.setLevel(Level.INFO);
        root.addAppender(appender, null, null);
        ctx.updateLoggers();
        return new Log4j2BenchContext(kind, ctx, appender, exchange);
    }

    /**
     * Spring AMQP's Log4j2 appender, async=true, as its builder makes it. The builder class is not
     * public (Spring expects log4j2.xml), so its public setters are called reflectively.
     */
    private static Appender springAppender(Configuration config, AmqpEndpoint endpoint, String exchange) {
        Object builder = AmqpAppender.newBuilder();
        call(builder, "setName", String.class, "spring-amqp");
        call(builder, "setConfiguration", Configuration.class, config);
        call(builder, "setHost", String.class, endpoint.host());
        call(builder, "setPort", String.class, Integer.toString(endpoint.port()));
        call(builder, "setUser", String.class, endpoint.username());
        call(builder, "setPassword", String.class, endpoint.password());
        call(builder, "setExchange", String.class, exchange);
        call(builder, "setExchangeType", String.class, "topic");
        call(builder, "setAsync", boolean.class, true);
        call(builder, "setApplicationId", String.class, "sluice-bench");
        call(builder, "setSenderPoolSize", int.class, 2);
        call(builder, "setLayout", Layout.class, PatternLayout.newBuilder().withConfiguration(config)
                .withPattern(BenchContext.SPRING_JSON_PATTERN).build());
        return (Appender) call(builder, "build", null, null);
    }

    private static Object call(Object target, String method, Class<?> type, Object arg) {
        try {
            Method m = type == null ? target.getClass().getMethod(method) : target.getClass().getMethod(method, type);
            m.setAccessible(true);
            return type == null ? m.invoke(target) : m.invoke(target, arg);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Spring AMQP's Log4j2 appender builder: " + method, e);
        }
    }

    Logger logger() {
        return context.getLogger(Workload.LOGGER);
    }

    /** Sluice's counters, or null for other appenders. */
    PipelineStats.Snapshot sluiceStats() {
        return appender instanceof SluiceRabbitMqAppender ? ((SluiceRabbitMqAppender) appender).getStats() : null;
    }

    /** Events waiting in Spring's queue, or -1 for other appenders. */
    int springBacklog() {
        return appender instanceof AmqpAppender ? ((AmqpAppender) appender).getQueuedEventCount() : -1;
    }

    /** Stops the context (Sluice drains) and deletes the exchange. */
    @Override
    public void close() {
        context.stop();
        if (kind != BenchContext.Kind.NOOP) {
            AmqpCollector.deleteExchange(BenchContext.broker(), exchange);
        }
    }
}
