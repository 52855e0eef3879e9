package dev.sluice.logback;

import dev.sluice.testkit.ProcessOutput;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.TestAmqpBroker;
import dev.sluice.testkit.sls.SlsReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every logger at TRACE, the SLS appender sending with a security token, the RabbitMQ appender refused
 * with a wrong password, and an amqp URI's credentials pasted into 'addresses': no secret appears in
 * anything the process writes (System.out/err, every log event of every library, Logback's status).
 */
class NoSecretInAnyOutputIT {
    private static final String AK_SECRET = "ak-Secret-7f3a";
    private static final String TOKEN = "sts-Token-91c2e";
    private static final String PASSWORD = "amqp-Password-5d0b";
    private static final String PASTED = "pasted-S3cret-2b8e";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;
    private SlsReceiver receiver;
    private ProcessOutput output;

    @AfterEach
    void restore() {
        DefaultLogback.restore();
        if (output != null) {
            output.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void noSecretInAnyOutputWithEveryLoggerAtTrace() throws IOException {
        AmqpEndpoint broker = TestAmqpBroker.get();
        receiver = SlsReceiver.builder().port(0).key("STSID", AK_SECRET, TOKEN).start();
        output = ProcessOutput.capture();
        LoggerContext context = DefaultLogback.configure(secretsConfiguration(Map.of(
                "endpoint", receiver.endpoint(), "akSecret", AK_SECRET, "token", TOKEN,
                "addresses", broker.host() + ":" + broker.port(), "password", PASSWORD,
                "pastedAddresses", "guest:" + PASTED + "@" + broker.host() + ":" + broker.port())), Map.of());
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        attachCapture(context, logged);
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        RabbitMqAppender rabbit = (RabbitMqAppender) root.getAppender("RABBIT");
        String toStrings = root.getAppender("SLS").toString() + rabbit + root.getAppender("PASTED");

        LoggerFactory.getLogger("com.shop.Orders").info("order placed");
        receiver.awaitLogs("shop", "backend", 1, WAIT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(statusText(context)).contains("refused the login"));
        assertThat(statusText(context)).contains("'addresses'");
        DefaultLogback.restore();

        String everything = output.text() + logged.toString(StandardCharsets.UTF_8) + statusText(context) + toStrings;
        // The capture did see the client libraries' own logging, so their silence about secrets means something.
        // (amqp-client logs little at TRACE once its classes are loaded, so only httpclient5 is required here.)
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("org.apache.hc.client5.http.impl");
        for (String secret : new String[] {AK_SECRET, TOKEN, PASSWORD, PASTED}) {
            assertThat(everything).as("output contains " + secret).doesNotContain(secret);
        }
    }

    /**
     * logback-secrets.xml with the values written into the file: Logback's configurator reports every
     * ${...} substitution with its value in its status list (its own behaviour, not Sluice's).
     */
    private URL secretsConfiguration(Map<String, String> values) throws IOException {
        String xml;
        try (InputStream in = DefaultLogback.resource("/logback-secrets.xml").openStream()) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            xml = xml.replace("${" + v.getKey() + "}", v.getValue());
        }
        Path file = directory.resolve("logback-secrets.xml");
        Files.writeString(file, xml);
        return file.toUri().toURL();
    }

    private static void attachCapture(LoggerContext context, ByteArrayOutputStream sink) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level [%thread] %logger %mdc %kvp - %msg%n%ex");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> capture = new OutputStreamAppender<>();
        capture.setContext(context);
        capture.setName("CAPTURE");
        capture.setEncoder(encoder);
        capture.setOutputStream(sink);
        capture.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(capture);
    }

    /** Every status of the context (Logback's and Sluice's) with its throwables. */
    private static String statusText(LoggerContext context) {
        StringBuilder sb = new StringBuilder();
        for (Status s : context.getStatusManager().getCopyOfStatusList()) {
            sb.append(s.getMessage()).append('\n');
            for (Throwable t = s.getThrowable(); t != null; t = t.getCause()) {
                sb.append(t).append('\n');
            }
        }
        return sb.toString();
    }
}
