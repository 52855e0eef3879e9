package dev.sluice.log4j2;

import dev.sluice.testkit.ProcessOutput;
import dev.sluice.testkit.AmqpEndpoint;
import dev.sluice.testkit.TestAmqpBroker;
import dev.sluice.testkit.sls.SlsReceiver;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every logger at TRACE (httpclient5's and amqp-client's too, through log4j-slf4j2-impl), the SLS
 * appender sending with a security token, the RabbitMQ appender refused with a wrong password, and an
 * amqp URI's credentials pasted into 'addresses': no secret appears in anything the process writes
 * (System.out/err, every log event, Log4j2's StatusLogger) nor in the appenders' toString.
 */
class NoSecretInAnyOutputIT {
    private static final String AK_SECRET = "ak-Secret-7f3a";
    private static final String TOKEN = "sts-Token-91c2e";
    private static final String PASSWORD = "amqp-Password-5d0b";
    private static final String PASTED = "pasted-S3cret-2b8e";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private SlsReceiver receiver;
    private ProcessOutput output;
    private StatusCapture status;

    @AfterEach
    void restore() {
        context.setConfiguration(new DefaultConfiguration());
        if (status != null) {
            status.unregister();
        }
        if (output != null) {
            output.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void noSecretInAnyOutputWithEveryLoggerAtTrace() {
        AmqpEndpoint broker = TestAmqpBroker.get();
        receiver = SlsReceiver.builder().port(0).key("STSID", AK_SECRET, TOKEN).start();
        System.setProperty("sluice.it.endpoint", receiver.endpoint());
        System.setProperty("sluice.it.akSecret", AK_SECRET);
        System.setProperty("sluice.it.token", TOKEN);
        System.setProperty("sluice.it.addresses", broker.host() + ":" + broker.port());
        System.setProperty("sluice.it.password", PASSWORD);
        System.setProperty("sluice.it.pastedAddresses", "guest:" + PASTED + "@" + broker.host() + ":" + broker.port());
        output = ProcessOutput.capture();
        status = StatusCapture.register(Level.TRACE);

        context.setConfigLocation(Log4j2Fixture.resourceUri("/log4j2-secrets-trace.xml"));
        CaptureAppender capture = context.getConfiguration().getAppender("capture");
        SluiceSlsAppender sls = context.getConfiguration().getAppender("sls");
        SluiceRabbitMqAppender rabbit = context.getConfiguration().getAppender("rabbit");
        String toStrings = String.valueOf(sls) + rabbit + context.getConfiguration().getAppenders();

        context.getLogger("com.shop.Orders").info("order placed");
        receiver.awaitLogs("shop", "backend", 1, WAIT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(status.messages(Level.WARN))
                .anySatisfy(m -> assertThat(m).contains("refused the login")));
        assertThat(status.messages(Level.ERROR)).anySatisfy(m -> assertThat(m).contains("'addresses'"));
        context.setConfiguration(new DefaultConfiguration());

        // The capture did see the client libraries' own logging, so their silence about secrets means something.
        // (amqp-client logs little at TRACE once its classes are loaded, so only httpclient5 is required here.)
        assertThat(capture.text()).contains("org.apache.hc.client5.http.impl");
        String everything = output.text() + capture.text() + status.allText() + toStrings;
        for (String secret : new String[] {AK_SECRET, TOKEN, PASSWORD, PASTED}) {
            assertThat(everything).as("output contains " + secret).doesNotContain(secret);
        }
    }
}
