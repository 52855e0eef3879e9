package dev.sluice.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import dev.sluice.encode.ByteSink;
import dev.sluice.fields.IsoTimestampFormatter;
import dev.sluice.encode.JsonEncoder;
import dev.sluice.event.LogEvent;
import dev.sluice.fields.FieldComposer;
import dev.sluice.fields.FieldOptions;
import dev.sluice.fields.Record;
import dev.sluice.event.Texts;
import dev.sluice.logback.BenchmarkAccess;
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

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Diagnostic, not part of run.sh: how much of JsonEncoder's time goes to re-checking and re-encoding
 * field names on every event. Compares Sluice's JsonEncoder with a benchmark-local writer of the
 * same Record that (1) writes names as pre-encoded {@link SerializedString}s, cached per name
 * instance (names are the composer's constants or MDC keys), and (2) additionally skips the
 * surrogate repair of values (unsafe for arbitrary input: the lower bound only). Same output bytes
 * for this event. Run: {@code java -jar benchmarks.jar EncodeVariantsBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EncodeVariantsBenchmark {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .rootValueSeparator((String) null)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private Logger logger;
    private FieldComposer composer;
    private JsonEncoder json;
    private final ByteSink sink = new ByteSink(8192);
    private final IsoTimestampFormatter timestamps = new IsoTimestampFormatter();
    private final Map<String, SerializableString> names = new IdentityHashMap<>();
    private JsonGenerator generator;
    private SerializableString timestampName;
    private long i;

    @Setup
    public void setUp() throws IOException {
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(BenchContext.mdc());
        logger = ctx.getLogger(Workload.LOGGER);
        BenchContext.setWorkloadMdc();
        Options options = new Options();
        FieldOptions fields = FieldOptions.read(new OptionReader(options));
        composer = new FieldComposer(fields);
        json = new JsonEncoder(composer.timestampFieldName());
        generator = FACTORY.createGenerator(sink, JsonEncoding.UTF8);
        timestampName = new SerializedString(composer.timestampFieldName());
        LogEvent same = event(0);
        byte[] a = json.encode(composer.compose(same));
        byte[] b = encodeCachedNames(composer.compose(same), true);
        if (!java.util.Arrays.equals(a, b)) {
            throw new IllegalStateException("variant output differs:\n" + new String(a) + "\n" + new String(b));
        }
    }

    private LogEvent event(long n) {
        LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, Workload.TEMPLATE, null,
                new Object[] {Workload.orderId(n), Workload.user(n), Workload.amount(n)});
        e.setThreadName(Workload.THREAD_NAME);
        return BenchmarkAccess.snapshot(e);
    }

    @Benchmark
    public byte[] sluiceJsonEncoder() {
        return json.encode(composer.compose(event(i++)));
    }

    @Benchmark
    public byte[] cachedSerializedNames() throws IOException {
        return encodeCachedNames(composer.compose(event(i++)), true);
    }

    @Benchmark
    public byte[] cachedNamesNoValueRepair() throws IOException {
        return encodeCachedNames(composer.compose(event(i++)), false);
    }

    private byte[] encodeCachedNames(Record r, boolean repairValues) throws IOException {
        sink.reset();
        JsonGenerator g = generator;
        g.writeStartObject();
        g.writeFieldName(timestampName);
        char[] ts = timestamps.format(r.epochSecond(), r.nanoOfSecond());
        g.writeString(ts, 0, timestamps.length());
        for (int k = 0, n = r.size(); k < n; k++) {
            String name = r.name(k);
            SerializableString s = names.get(name);
            if (s == null) {
                s = new SerializedString(Texts.repairSurrogates(name));
                names.put(name, s);
            }
            g.writeFieldName(s);
            switch (r.kind(k)) {
                case LONG:
                    g.writeNumber(r.longValue(k));
                    break;
                case STRING_LIST:
                    throw new IllegalStateException("not in this event");
                default:
                    String v = r.stringValue(k);
                    g.writeString(repairValues ? Texts.repairSurrogates(v) : v);
            }
        }
        g.writeEndObject();
        g.flush();
        return sink.toByteArray();
    }
}
