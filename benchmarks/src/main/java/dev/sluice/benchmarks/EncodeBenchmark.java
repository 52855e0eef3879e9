package dev.sluice.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import dev.sluice.encode.EncodedEvent;
import dev.sluice.encode.EventEncoder;
import dev.sluice.encode.JsonEncoder;
import dev.sluice.event.LogEvent;
import dev.sluice.fields.FieldComposer;
import dev.sluice.fields.FieldOptions;
import dev.sluice.fields.Record;
import dev.sluice.logback.BenchmarkAccess;
import dev.sluice.runtime.StatusSink;
import dev.sluice.transport.rabbitmq.RabbitMqOptions;
import dev.sluice.transport.rabbitmq.RabbitMqTransport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * (b) The sender thread's per-event work for RabbitMQ, measured without a broker: FieldComposer.compose,
 * then JSON encoding. Run with {@code -prof gc} for bytes allocated per event.
 *
 * <p>Each operation first builds a fresh representative event exactly as the Logback appender would
 * queue it (a Logback LoggingEvent with a fresh Long and BigDecimal and two MDC entries, snapshotted by
 * the adapter), because a reused event would format from cached strings (BigDecimal caches its text).
 * {@link #buildEventOnly} measures that preparation alone; subtract it from the others for the
 * sender-side cost (the report does).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EncodeBenchmark {
    private static final String FQCN = Logger.class.getName();

    private Logger logger;
    private FieldComposer composer;
    private JsonEncoder json;
    private EventEncoder rabbitEncoder;
    private long i;

    @Setup
    public void setUp() {
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(BenchContext.mdc());
        logger = ctx.getLogger(Workload.LOGGER);
        BenchContext.setWorkloadMdc();

        Options options = new Options();
        options.set("uri", "amqp://guest:guest@127.0.0.1:5672");
        options.set("exchange", "logs");
        OptionReader reader = new OptionReader(options);
        FieldOptions fields = FieldOptions.read(reader);
        RabbitMqOptions rabbit = RabbitMqOptions.read(reader, "bench", "sluice");
        if (!reader.errors().isEmpty()) {
            throw new IllegalStateException(String.valueOf(reader.errors()));
        }
        composer = new FieldComposer(fields);
        json = new JsonEncoder(composer.timestampFieldName());
        // The transport's encoder = JSON + routing key + EncodedEvent; creating the transport does no I/O.
        rabbitEncoder = new RabbitMqTransport(rabbit, "bench", new SilentStatus()).encoder(composer);

        byte[] sample = json.encode(composer.compose(nextEvent()));
        java.util.Map<String, Object> r = StatsFile.record();
        r.put("sampleEventBytes", sample.length);
        r.put("sampleEvent", new String(sample, StandardCharsets.UTF_8));
        StatsFile.append(r);
    }

    private LogEvent nextEvent() {
        long n = i++;
        LoggingEvent e = new LoggingEvent(FQCN, logger, Level.INFO, Workload.TEMPLATE, null,
                new Object[] {Workload.orderId(n), Workload.user(n), Workload.amount(n)});
        e.setThreadName(Workload.THREAD_NAME);
        return BenchmarkAccess.snapshot(e);
    }

    /** Baseline: building the test event (not part of the sender's work). */
    @Benchmark
    public LogEvent buildEventOnly() {
        return nextEvent();
    }

    /** Formatting the deferred SLF4J message, the first thing compose does. */
    @Benchmark
    public String formatMessage() {
        return nextEvent().formatMessage();
    }

    @Benchmark
    public Record compose() {
        return composer.compose(nextEvent());
    }

    /** What the brief calls the encode cost: compose + JsonEncoder. */
    @Benchmark
    public byte[] composeJson() {
        return json.encode(composer.compose(nextEvent()));
    }

    /** The full sender-side encode step of RabbitMqTransport: compose + JSON + routing key + EncodedEvent. */
    @Benchmark
    public EncodedEvent composeRabbitEncoder() {
        return rabbitEncoder.encode(composer.compose(nextEvent()));
    }

    private static final class SilentStatus implements StatusSink {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message, Throwable cause) {
        }

        @Override
        public void error(String message, Throwable cause) {
        }
    }
}
