package dev.sluice.samples.demo;

import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.TestAmqpBroker;
import dev.sluice.testkit.sls.ReceivedLog;
import dev.sluice.testkit.sls.SlsReceiver;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo as a user runs it: the three samples in their own JVMs, against embedded and given backends. */
class DemoIT {

    private static final String[] ROWS = {"logback-order-service", "log4j2-order-service",
        "spring-boot-order-service"};

    @Test
    void onEmbeddedBackendsEveryEventIsDeliveredAndTheExitCodeIsZero() {
        Run run = demo(Map.of(), "--orders", "3");

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).contains("embedded AMQP broker", "embedded receiver",
                "Every event was accounted for and delivered");
        for (String sample : ROWS) {
            assertThat(run.output).containsPattern(sample + " +RabbitMQ .* ok")
                    .containsPattern(sample + " +SLS .* ok");
        }
        // The shown records: fields extracted from JSON, a collapsed storm, a cause chain.
        assertThat(run.output).contains("\"event\" : \"payment_captured\"", "\"count\" : 200", "count: 200",
                "Caused by: java.net.ConnectException");
    }

    @Test
    void givenARabbitMqUriAndAnSlsEndpointTheDemoShipsThereAndChecksWhatArrived() {
        // The real RabbitMQ on 127.0.0.1:5672 when reachable (CI requires it), else the embedded one, given by URI.
        AmqpEndpoint rabbitMq = TestAmqpBroker.get();
        try (SlsReceiver sls = SlsReceiver.builder().key("it-key", "it-secret").start()) {
            Run run = demo(Map.of("SLS_ACCESS_KEY_ID", "it-key", "SLS_ACCESS_KEY_SECRET", "it-secret"),
                    "--rabbitmq-uri", rabbitMq.uri(), "--sls-endpoint", sls.endpoint(),
                    "--sls-project", "demo-it", "--sls-logstore", "orders-it", "--orders", "2");

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(run.output).contains("(from --rabbitmq-uri)", "(from --sls-endpoint",
                    "acknowledged by the endpoint").doesNotContain("it-secret");
            // The demo cannot read a given SLS endpoint back; this one can: every acknowledged log is there.
            List<ReceivedLog> stored = sls.logs("demo-it", "orders-it");
            assertThat(stored).extracting(log -> log.get("application"))
                    .contains("orders-logback", "orders-log4j2", "orders-boot");
            long represented = stored.stream().mapToLong(log -> log.get("count") == null ? 1
                    : Long.parseLong(log.get("count"))).sum();
            assertThat(represented).as("every event the SLS appenders accepted, repeats included")
                    .isEqualTo(acceptedBySls(run.output)).isGreaterThanOrEqualTo(3 * (2 * 4 + 200 + 1));
        }
    }

    @Test
    void whenABackendRefusesTheEventsTheDemoSaysSoAndExitsNonZero() {
        try (SlsReceiver sls = SlsReceiver.builder().key("right-key", "right-secret").start()) {
            Run run = demo(Map.of("SLS_ACCESS_KEY_ID", "right-key", "SLS_ACCESS_KEY_SECRET", "wrong-secret"),
                    "--rabbitmq-uri", TestAmqpBroker.get().uri(), "--sls-endpoint", sls.endpoint(),
                    "--sls-project", "demo-it", "--sls-logstore", "refused", "--orders", "1");

            assertThat(run.exitCode).as(run.output).isEqualTo(1);
            assertThat(run.output).contains("NOT every event was delivered").containsPattern("→ SLS: \\d+ events failed");
            assertThat(run.output).containsPattern("logback-order-service +RabbitMQ .* ok");
            assertThat(sls.logs("demo-it", "refused")).isEmpty();
        }
    }

    @Test
    void aBadCommandLineExitsWithTwoAndTheUsage() {
        Run run = demo(Map.of(), "--sls-endpoint", "http://127.0.0.1:1", "--sls-project", "p", "--sls-logstore", "l");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.output).contains("SLS_ACCESS_KEY_ID");
    }

    /** The sum of the 'accepted' column over the SLS rows of the delivery table. */
    private static long acceptedBySls(String output) {
        Matcher row = Pattern.compile("-order-service +SLS +\\d+ +(\\d+) ").matcher(output);
        long accepted = 0;
        int rows = 0;
        while (row.find()) {
            accepted += Long.parseLong(row.group(1));
            rows++;
        }
        assertThat(rows).as(output).isEqualTo(3);
        return accepted;
    }

    private static Run demo(Map<String, String> environment, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exitCode = Demo.run(args, environment, out);
        return new Run(exitCode, bytes.toString(StandardCharsets.UTF_8));
    }

    private static final class Run {
        final int exitCode;
        final String output;

        Run(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
