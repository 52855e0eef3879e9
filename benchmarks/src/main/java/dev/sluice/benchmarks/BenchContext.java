package dev.sluice.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.Status;
import dev.sluice.logback.RabbitMqAppender;
import dev.sluice.logback.SlsAppender;
import dev.sluice.logback.SluiceAppenderBase;
import dev.sluice.pipeline.PipelineStats;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.TestAmqpBroker;
import dev.sluice.testkit.sls.SlsReceiver;
import org.springframework.amqp.rabbit.logback.AmqpAppender;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One appender under test in its own, programmatically built Logback {@link LoggerContext}, so that
 * appenders never share a context, a root logger or a status manager. All contexts share one MDC
 * adapter (MDC is per thread anyway), which benchmark threads fill through {@link #mdc()}.
 */
public final class BenchContext implements AutoCloseable {
    /**
     * Which appender is attached to the root logger. SLS: Sluice's SlsAppender shipping to an in-process
     * {@link SlsReceiver} that the context starts and owns.
     */
    public enum Kind { NOOP, SLUICE, SPRING, SLS }

    /**
     * Spring's AmqpAppender needs a layout; this one writes roughly the same JSON document as Sluice
     * (timestamp, version, message, logger, thread, level and the two MDC entries), without escaping.
     */
    static final String SPRING_JSON_PATTERN = "{\"@timestamp\":\"%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}\",\"@version\":\"1\","
            + "\"message\":\"%msg\",\"logger_name\":\"%logger\",\"thread_name\":\"%thread\",\"level\":\"%level\","
            + "\"requestId\":\"%X{requestId}\",\"tenant\":\"%X{tenant}\"}";

    private static final LogbackMDCAdapter MDC = new LogbackMDCAdapter();
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final Kind kind;
    private final LoggerContext context;
    private final Logger logger;
    private final Appender<ILoggingEvent> appender;
    private final String exchange;
    private SlsReceiver slsReceiver;
    private boolean stopped;

    private BenchContext(Kind kind, LoggerContext context, Logger logger, Appender<ILoggingEvent> appender,
                         String exchange) {
        this.kind = kind;
        this.context = context;
        this.logger = logger;
        this.appender = appender;
        this.exchange = exchange;
    }

    public static LogbackMDCAdapter mdc() {
        return MDC;
    }

    /** Sets the two MDC entries of the workload on the calling thread. */
    public static void setWorkloadMdc() {
        MDC.put(Workload.MDC_REQUEST_ID, Workload.requestId());
        MDC.put(Workload.MDC_TENANT, "acme-retail");
    }

    public static String freshExchange(String purpose) {
        return "sluice-bench-" + purpose + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet()
                + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    public static AmqpEndpoint broker() {
        AmqpEndpoint endpoint = TestAmqpBroker.get();
        if (endpoint.isEmbedded()) {
            System.err.println("WARNING: no RabbitMQ at 127.0.0.1:5672; using the embedded Qpid broker. "
                    + "Figures are not comparable with a real broker.");
        }
        return endpoint;
    }

    /**
     * Builds a started context with one appender of {@code kind}. For the broker-backed kinds the
     * exchange must already exist or be declared by the appender (Sluice declares it; Spring's default
     * does not, so we declare it for Spring as Sluice would: durable topic).
     *
     * @param sluiceOptions extra Sluice setters as name=value (e.g. overflow=block); defaults otherwise
     */
    public static BenchContext create(Kind kind, String exchange, Map<String, String> sluiceOptions) {
        LoggerContext ctx = new LoggerContext();
        ctx.setName("bench-" + kind.name().toLowerCase());
        ctx.setMDCAdapter(MDC);
        ctx.start();
        Appender<ILoggingEvent> appender;
        AmqpEndpoint endpoint = kind == Kind.SLUICE || kind == Kind.SPRING ? broker() : null;
        SlsReceiver receiver = null;
        switch (kind) {
            case NOOP: {
                NoopAppender a = new NoopAppender();
                a.setContext(ctx);
                a.setName("noop");
                a.start();
                appender = a;
                break;
            }
            case SLUICE: {
                RabbitMqAppender a = new RabbitMqAppender();
                a.setContext(ctx);
                a.setName("sluice");
                a.setUri(endpoint.uri());
                a.setExchange(exchange);
                sluiceOptions.forEach((k, v) -> set(a, k, v));
                a.start();
                appender = a;
                break;
            }
            case SLS: {
                receiver = SlsTarget.startReceiver();
                SlsAppender a = new SlsAppender();
                a.setContext(ctx);
                a.setName("sluice-sls");
                SlsTarget.sluiceOptions(receiver).forEach((k, v) -> set(a, k, v));
                sluiceOptions.forEach((k, v) -> set(a, k, v));
                a.start();
                appender = a;
                break;
            }
            case SPRING: {
                declareExchange(endpoint, exchange);
                AmqpAppender a = new AmqpAppender();
                a.setContext(ctx);
                a.setName("spring-amqp");
                a.setHost(endpoint.host());
                a.setPort(endpoint.port());
                a.setUsername(endpoint.username());
                a.setPassword(endpoint.password());
                a.setExchangeName(exchange);
                a.setExchangeType("topic");
                PatternLayout layout = new PatternLayout();
                layout.setContext(ctx);
                layout.setPattern(SPRING_JSON_PATTERN);
                layout.start();
                a.setLayout(layout);
                a.start();
                appender = a;
                break;
            }
            default:
                throw new IllegalArgumentException(String.valueOf(kind));
        }
        if (!appender.isStarted()) {
            if (receiver != null) {
                receiver.close();
            }
            dumpStatus(ctx);
            throw new IllegalStateException(kind + " appender did not start; see the status messages above");
        }
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        BenchContext bench = new BenchContext(kind, ctx, ctx.getLogger(Workload.LOGGER), appender,
                kind == Kind.SLS ? null : exchange);
        bench.slsReceiver = receiver;
        return bench;
    }

    /** Sets a Sluice option by its logback.xml name (e.g. overflow=block), as Joran would: {@code setOverflow(String)}. */
    private static void set(SluiceAppenderBase a, String name, String value) {
        String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        try {
            a.getClass().getMethod(setter, String.class).invoke(a, value);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("unknown Sluice option in benchmark: " + name, e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not set " + name, e);
        }
    }

    static void declareExchange(AmqpEndpoint endpoint, String exchange) {
        // A collector bound to nothing would leave a queue; declaring through a short-lived channel is enough.
        try (com.rabbitmq.client.Connection c = endpoint.connectionFactory().newConnection("sluice-bench-setup")) {
            c.createChannel().exchangeDeclare(exchange, "topic", true);
        } catch (Exception e) {
            throw new IllegalStateException("could not declare exchange " + exchange + " at " + endpoint, e);
        }
    }

    public static void dumpStatus(LoggerContext ctx) {
        for (Status s : ctx.getStatusManager().getCopyOfStatusList()) {
            System.err.println("  [" + ctx.getName() + " status] " + s);
        }
    }

    public Kind kind() {
        return kind;
    }

    public Logger logger() {
        return logger;
    }

    public LoggerContext context() {
        return context;
    }

    public String exchange() {
        return exchange;
    }

    /** Sluice's counters, or null for other appenders. */
    public PipelineStats.Snapshot sluiceStats() {
        return appender instanceof SluiceAppenderBase ? ((SluiceAppenderBase) appender).getStats() : null;
    }

    /** The receiver an SLS context ships to, or null. */
    public SlsReceiver slsReceiver() {
        return slsReceiver;
    }

    /** Events waiting in Spring's (unbounded) queue, or -1 for other appenders. */
    public int springBacklog() {
        return appender instanceof AmqpAppender ? ((AmqpAppender) appender).getQueuedEventCount() : -1;
    }

    /** Stops the context (and so the appender: Sluice drains, Spring shuts its senders down). Idempotent. */
    public void stop() {
        if (!stopped) {
            stopped = true;
            context.stop();
        }
    }

    /** Stops and deletes the exchange (or closes the SLS receiver). */
    @Override
    public void close() {
        stop();
        if (exchange != null && kind != Kind.NOOP) {
            AmqpCollector.deleteExchange(broker(), exchange);
        }
        if (slsReceiver != null) {
            slsReceiver.close();
        }
    }

    /** Prints warnings and errors of this context's status manager (not the info lines). */
    public void printProblems() {
        for (Status s : context.getStatusManager().getCopyOfStatusList()) {
            if (s.getLevel() >= Status.WARN) {
                System.err.println("  [" + context.getName() + " status] " + s);
            }
        }
    }
}
