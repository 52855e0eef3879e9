package dev.sluice.samples.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.testkit.AmqpCollector;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.EmbeddedAmqpBroker;
import dev.sluice.testkit.ReceivedMessage;
import dev.sluice.testkit.sls.ReceivedLog;
import dev.sluice.testkit.sls.SlsReceiver;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two backends: embedded (Qpid Broker-J, the testkit's SLS receiver) unless the user named real ones. What
 * arrived is read back where it can be: from a queue the demo binds on RabbitMQ, and from the embedded receiver
 * (a real SLS endpoint is write-only here; its acknowledgements are what the appender counts as sent).
 */
final class Backends implements AutoCloseable {

    /** The exchange the samples' configurations name. */
    static final String EXCHANGE = "logs";
    static final String EMBEDDED_SLS_PROJECT = "shop";
    static final String EMBEDDED_SLS_LOGSTORE = "orders";
    private static final String EMBEDDED_KEY_ID = "demo-access-key";
    private static final String EMBEDDED_KEY_SECRET = "demo-access-key-secret";
    private static final Duration READ_BACK_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedAmqpBroker broker;
    private final AmqpEndpoint rabbitMq;
    private final SlsReceiver receiver;
    private final String slsEndpoint;
    private final String slsProject;
    private final String slsLogstore;
    private final String slsKeyId;
    private final String slsKeySecret;

    private Backends(EmbeddedAmqpBroker broker, AmqpEndpoint rabbitMq, SlsReceiver receiver, String slsEndpoint,
                     String slsProject, String slsLogstore, String slsKeyId, String slsKeySecret) {
        this.broker = broker;
        this.rabbitMq = rabbitMq;
        this.receiver = receiver;
        this.slsEndpoint = slsEndpoint;
        this.slsProject = slsProject;
        this.slsLogstore = slsLogstore;
        this.slsKeyId = slsKeyId;
        this.slsKeySecret = slsKeySecret;
    }

    static Backends start(DemoOptions options, PrintStream out) {
        EmbeddedAmqpBroker broker = null;
        SlsReceiver receiver = null;
        try {
            AmqpEndpoint rabbitMq;
            if (options.rabbitMqUri == null) {
                long started = System.nanoTime();
                out.print("  RabbitMQ: starting the embedded AMQP broker (Apache Qpid Broker-J) ... ");
                out.flush();
                broker = EmbeddedAmqpBroker.start();
                rabbitMq = broker.endpoint();
                out.println("listening on " + broker.host() + ":" + broker.port() + " (" + seconds(started) + ")");
            } else {
                rabbitMq = AmqpEndpoint.fromUri(options.rabbitMqUri);
                out.println("  RabbitMQ: " + rabbitMq.host() + ":" + rabbitMq.port() + " (from --rabbitmq-uri)");
            }
            Backends backends;
            if (options.slsEndpoint == null) {
                receiver = SlsReceiver.builder().key(EMBEDDED_KEY_ID, EMBEDDED_KEY_SECRET).start();
                out.println("  SLS:      embedded receiver on " + receiver.endpoint() + ", project "
                        + EMBEDDED_SLS_PROJECT + ", logstore " + EMBEDDED_SLS_LOGSTORE
                        + " (checks every signature and body, as SLS does)");
                backends = new Backends(broker, rabbitMq, receiver, receiver.endpoint(), EMBEDDED_SLS_PROJECT,
                        EMBEDDED_SLS_LOGSTORE, EMBEDDED_KEY_ID, EMBEDDED_KEY_SECRET);
            } else {
                out.println("  SLS:      " + options.slsEndpoint + ", project " + options.slsProject + ", logstore "
                        + options.slsLogstore + " (from --sls-endpoint; access key from the environment)");
                backends = new Backends(broker, rabbitMq, null, options.slsEndpoint, options.slsProject,
                        options.slsLogstore, options.slsAccessKeyId, options.slsAccessKeySecret);
            }
            return backends;
        } catch (RuntimeException | Error e) {
            if (receiver != null) {
                receiver.close();
            }
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    /** The environment variables the samples' configurations read (see their logback.xml / log4j2.xml / yml). */
    Map<String, String> sampleEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RABBITMQ_URI", rabbitMq.uri());
        env.put("SLS_ENDPOINT", slsEndpoint);
        env.put("SLS_PROJECT", slsProject);
        env.put("SLS_LOGSTORE", slsLogstore);
        env.put("SLS_ACCESS_KEY_ID", slsKeyId);
        env.put("SLS_ACCESS_KEY_SECRET", slsKeySecret);
        return env;
    }

    /** Starts collecting a sample's RabbitMQ records (routing keys {@code <application>.<level>}) before it runs. */
    AmqpCollector watchRabbitMq(Sample sample) {
        return AmqpCollector.bind(rabbitMq, EXCHANGE, "topic", true, sample.application + ".#");
    }

    /** Every record the collector got from the finished sample: it published and was confirmed before exiting. */
    List<DeliveredRecord> rabbitMqRecords(AmqpCollector collector) throws IOException {
        List<DeliveredRecord> records = new ArrayList<>();
        for (ReceivedMessage message : collector.receivedBeforeMarker(rabbitMq, READ_BACK_TIMEOUT)) {
            Map<String, Object> document = JSON.readValue(message.body(), new TypeReference<LinkedHashMap<String, Object>>() {
            });
            records.add(new DeliveredRecord(DemoBackend.RABBITMQ, document, null, null, 0));
        }
        return records;
    }

    /** Whether SLS records can be read back (the embedded receiver), rather than only acknowledged. */
    boolean slsReadable() {
        return receiver != null;
    }

    /** A sample's records in the embedded receiver; they were stored before the sample's requests were answered. */
    List<DeliveredRecord> slsRecords(Sample sample) {
        List<DeliveredRecord> records = new ArrayList<>();
        for (ReceivedLog log : receiver.logs(slsProject, slsLogstore)) {
            if (sample.application.equals(log.get("application"))) {
                records.add(new DeliveredRecord(DemoBackend.SLS, new LinkedHashMap<>(log.fields()), log.topic(),
                        log.source(), log.time()));
            }
        }
        return records;
    }

    String describeRabbitMq() {
        return broker != null ? "embedded broker" : rabbitMq.host() + ":" + rabbitMq.port();
    }

    String describeSls() {
        return receiver != null ? "embedded receiver" : slsEndpoint;
    }

    @Override
    public void close() {
        if (receiver != null) {
            receiver.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static String seconds(long startedNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }
}
