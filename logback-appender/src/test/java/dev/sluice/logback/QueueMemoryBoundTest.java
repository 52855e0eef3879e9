package dev.sluice.logback;

import dev.sluice.transport.BlockingTransport;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import dev.sluice.encode.EncodedEvent;
import dev.sluice.encode.EventEncoder;
import dev.sluice.encode.JsonEncoder;
import dev.sluice.event.LogEvent;
import dev.sluice.fields.FieldComposer;
import dev.sluice.fields.FieldOptions;
import dev.sluice.transport.Batch;
import dev.sluice.pipeline.LogPipeline;
import dev.sluice.pipeline.PipelineOptions;
import dev.sluice.runtime.StatusSink;
import dev.sluice.testkit.RetainedHeap;
import dev.sluice.transport.Transport;
import dev.sluice.transport.TransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the backend down, the events waiting in the queue hold at most {@code maxQueueBytes} of heap,
 * measured by walking what the queued events really reach (not by their estimate), whatever the MDC
 * values and throwables the application logs.
 */
class QueueMemoryBoundTest {
    private final LoggerContext context = new LoggerContext();
    private LogPipeline pipeline;

    @AfterEach
    void stop() {
        MDC.clear();
        if (pipeline != null) {
            pipeline.stop();
        }
        context.stop();
    }

    @Test
    void hugeMdcValuesStayWithinMaxQueueBytes() throws Exception {
        long maxQueueBytes = 2L << 20;
        Logger logger = loggerShippingTo(maxQueueBytes);
        for (int i = 0; i < 200; i++) {
            // A fresh 200,000-char value per event, as a request body put into the MDC would be.
            MDC.put("body", (char) ('a' + i % 26) + "x".repeat(199_999));
            logger.info("request {}", i);
        }
        MDC.clear();

        List<LogEvent> queued = queuedEvents();
        long retained = RetainedHeap.of(queued);
        assertThat(queued).as("events waiting for the backend").hasSizeGreaterThan(50);
        assertThat(retained).as("heap held by %d queued events", queued.size()).isLessThanOrEqualTo(maxQueueBytes);
        assertThat(retained).as("the estimate is an upper bound").isLessThanOrEqualTo(queuedBytes());
        assertThat(queued.get(0).mdc().get("body")).endsWith("...[truncated 191808 chars]");
    }

    @Test
    void deepThrowablesWithHugeMessagesStayWithinMaxQueueBytes() throws Exception {
        long maxQueueBytes = 4L << 20;
        Logger logger = loggerShippingTo(maxQueueBytes);
        for (int i = 0; i < 60; i++) {
            logger.error("failed", deepThrowable(i, 100, 40));
        }

        List<LogEvent> queued = queuedEvents();
        long retained = RetainedHeap.of(queued);
        assertThat(queued).as("events waiting for the backend").isNotEmpty();
        assertThat(retained).as("heap held by %d queued events", queued.size()).isLessThanOrEqualTo(maxQueueBytes);
        assertThat(retained).as("the estimate is an upper bound").isLessThanOrEqualTo(queuedBytes());
    }

    @Test
    void entriesBeyondMaxEntriesAreLeftOutAndCountedAndKeyValuesCut() throws Exception {
        Logger logger = loggerShippingTo(64L << 20);
        logger.info("first, taken by the sender");
        // The window (1 batch) is taken by the first, waiting for its retry; the sender holds the next in its open batch.
        logger.info("second, held in the open batch");
        for (int i = 0; i < 300; i++) {
            MDC.put("k" + i, "v");
        }
        StringBuilder mutable = new StringBuilder("x".repeat(10_000));
        logger.atInfo().addKeyValue("a", 1).addKeyValue("b", mutable).log("many");
        mutable.setLength(0);

        LogEvent many = queuedEvents().stream().filter(e -> "many".equals(e.formatMessage())).findFirst().orElseThrow();
        assertThat(many.mdc()).hasSize(256);
        assertThat(many.keyValues()).isNull();
        assertThat(many.droppedEntries()).isEqualTo(300 + 2 - 256);

        MDC.clear();
        logger.atInfo().addKeyValue("a", 1).addKeyValue("b", mutable.append("y".repeat(10_000))).log("few");
        LogEvent few = queuedEvents().stream().filter(e -> "few".equals(e.formatMessage())).findFirst().orElseThrow();
        assertThat(few.keyValues()[1]).isEqualTo(1);
        assertThat((String) few.keyValues()[3]).endsWith("...[truncated 1808 chars]");
        assertThat(few.droppedEntries()).isZero();
    }

    /** {@code depth} nested causes, each with {@code frames} frames of its own and a 100,000-char message. */
    private static Throwable deepThrowable(int event, int depth, int frames) {
        Throwable t = null;
        for (int d = 0; d < depth; d++) {
            t = new IllegalStateException(d + "-" + event + "y".repeat(100_000), t);
            StackTraceElement[] trace = new StackTraceElement[frames];
            for (int f = 0; f < frames; f++) {
                trace[f] = new StackTraceElement("com.example.Deep" + event + "_" + d, "method" + f, "Deep.java", f);
            }
            t.setStackTrace(trace);
        }
        return t;
    }

    private Logger loggerShippingTo(long maxQueueBytes) {
        Options options = new Options()
                .set("maxQueueBytes", Long.toString(maxQueueBytes))
                .set("batchSize", "1")
                .set("linger", "0ms")
                .set("maxRetries", "1000000")
                .set("retryBackoff", "10m")
                .set("maxRetryBackoff", "10m");
        OptionReader reader = new OptionReader(options);
        FieldOptions fields = FieldOptions.read(reader);
        PipelineOptions pipelineOptions = PipelineOptions.read(reader);
        assertThat(reader.errors()).isEmpty();
        pipeline = LogPipeline.start("memory-bound", fields, pipelineOptions, new BackendDown(), new QuietStatus());
        context.setMDCAdapter(MDC.getMDCAdapter());
        PipelineAppender appender = new PipelineAppender("rabbitmq", pipeline, null);
        appender.setContext(context);
        appender.start();
        Logger logger = context.getLogger("memory");
        logger.setAdditive(false);
        logger.addAppender(appender);
        return logger;
    }

    @SuppressWarnings("unchecked")
    private List<LogEvent> queuedEvents() throws ReflectiveOperationException {
        Object queue = field(pipeline, "queue");
        return new ArrayList<>((Collection<LogEvent>) field(queue, "events"));
    }

    /** The queue's own account of what it holds: the sum of the queued events' estimates. */
    private long queuedBytes() throws ReflectiveOperationException {
        Object queue = field(pipeline, "queue");
        Method bytes = queue.getClass().getDeclaredMethod("bytes");
        bytes.setAccessible(true);
        return (long) bytes.invoke(queue);
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }

    /** A backend that is down: every connect and send fails, retryably. */
    private static final class BackendDown implements BlockingTransport {
        @Override
        public EventEncoder encoder(FieldComposer composer) {
            JsonEncoder json = new JsonEncoder(composer.timestampFieldName());
            return r -> new EncodedEvent(json.encode(r), r.epochMilli(), r.level());
        }

        @Override
        public void connect() throws TransportException {
            throw new TransportException("backend down", true);
        }

        @Override
        public void send(Batch batch) throws TransportException {
            throw new TransportException("backend down", true);
        }

        @Override
        public String describe() {
            return "nowhere";
        }

        @Override
        public void close() {
        }
    }

    private static final class QuietStatus implements StatusSink {
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
