package dev.sluice.benchmarks;

import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import dev.sluice.event.LogEvent;
import dev.sluice.fields.FieldComposer;
import dev.sluice.fields.FieldOptions;
import dev.sluice.fields.Record;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Collections;
import java.util.concurrent.TimeUnit;

/**
 * The sender-side cost of message extraction: {@link FieldComposer#compose} with extraction off and
 * on, for (KV) a ~200-char message with 5 key=value pairs among prose and (JSON) a ~1 KB JSON object
 * message. The extraction cost per event is {@code composeOn - composeOff} for the same message.
 * The event carries an already formatted String message, so both sides do the same non-extraction work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ExtractionBenchmark {
    /** 5 pairs (one quoted with a space), about 200 chars. */
    static final String KV_MESSAGE = "payment failed for order reason=103 user=\"xiao ming\" amount=12.50"
            + " currency=CNY channel=alipay; the card issuer declined the charge, the client will retry"
            + " with exponential backoff after a short delay";

    @Param({"KV", "JSON"})
    public String message;

    private FieldComposer off;
    private FieldComposer on;
    private LogEvent event;

    @Setup
    public void setUp() {
        off = new FieldComposer(fields(false));
        on = new FieldComposer(fields(true));
        String text = "KV".equals(message) ? KV_MESSAGE : jsonMessage();
        event = new LogEvent(1_700_000_000L, 123_000_000, "INFO", 20000, Workload.LOGGER, Workload.THREAD_NAME,
                text, "{}", Collections.emptyMap(), null, null, null, null);
        // Fail fast if the setup does not extract what it claims to measure.
        Record r = on.compose(event);
        int expected = "KV".equals(message) ? 5 : 16;
        if (r.size() - off.compose(event).size() != expected) {
            throw new IllegalStateException("expected " + expected + " extracted fields for " + message);
        }
    }

    private static FieldOptions fields(boolean extract) {
        Options options = new Options();
        options.set("extractJson", String.valueOf(extract));
        options.set("extractKv", String.valueOf(extract));
        OptionReader reader = new OptionReader(options);
        FieldOptions fields = FieldOptions.read(reader);
        if (!reader.errors().isEmpty()) {
            throw new IllegalStateException(String.valueOf(reader.errors()));
        }
        return fields;
    }

    /** About 1 KB: strings, numbers, booleans, a nested object and an array (16 members). */
    static String jsonMessage() {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"event\":\"payment.failed\",\"orderId\":100123456,\"user\":\"xiao ming\",\"amount\":12.5,")
                .append("\"currency\":\"CNY\",\"channel\":\"alipay\",\"retryable\":true,\"attempt\":3,")
                .append("\"reason\":\"the card issuer declined the charge because the daily limit was exceeded\",")
                .append("\"card\":{\"brand\":\"visa\",\"last4\":\"4242\",\"country\":\"CN\",\"expires\":\"2028-04\"},")
                .append("\"items\":[{\"sku\":\"tea-001\",\"qty\":2,\"price\":3.5},{\"sku\":\"cup-017\",\"qty\":1,\"price\":5.5}],")
                .append("\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\",")
                .append("\"client\":{\"ip\":\"203.0.113.42\",\"agent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\"},")
                .append("\"latencyMs\":187.25,\"note\":\"");
        while (sb.length() < 1000) {
            sb.append("retry scheduled; ");
        }
        sb.append("\"}");
        return sb.toString();
    }

    @Benchmark
    public Record composeOff() {
        return off.compose(event);
    }

    @Benchmark
    public Record composeOn() {
        return on.compose(event);
    }
}
