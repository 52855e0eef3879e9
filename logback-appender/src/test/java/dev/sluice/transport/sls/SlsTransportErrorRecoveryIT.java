package dev.sluice.transport.sls;

import dev.sluice.testkit.SendAndWait;
import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import dev.sluice.encode.EncodedEvent;
import dev.sluice.transport.Batch;
import dev.sluice.testkit.sls.ReceivedLog;
import dev.sluice.testkit.sls.SlsReceiver;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 10, defect 6: httpclient5 releases a leased connection only on runtime, I/O and HTTP
 * exceptions. An {@link Error} thrown while it executes a request (here from the body's
 * {@code writeTo}, as a class missing at run time would) leaked the connection; after two, both
 * pooled connections were gone and every later send timed out waiting for one.
 */
class SlsTransportErrorRecoveryIT {
    private static final java.time.Duration SEND_TIMEOUT = java.time.Duration.ofSeconds(30);
    private static final String SECRET = "s3cr3t-error-recovery";

    private SlsReceiver receiver;
    private SlsTransport transport;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        receiver = SlsReceiver.builder().port(0).key("AKID", SECRET).start();
    }

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        receiver.close();
    }

    @Test
    void anErrorInsideTheHttpClientLeavesTheTransportWorking() throws Exception {
        AtomicInteger errorsLeft = new AtomicInteger(2);
        transport = new SlsTransport(options(), "error-it", TestLogs.warningsInto(warnings), 4096, 10 * 1024 * 1024,
                entity -> new HttpEntityWrapper(entity) {
                    @Override
                    public void writeTo(OutputStream out) throws IOException {
                        if (errorsLeft.getAndDecrement() > 0) {
                            throw new NoClassDefFoundError("injected by the test");
                        }
                        super.writeTo(out);
                    }
                });
        transport.connect();

        for (int attempt = 0; attempt < 2; attempt++) {
            Batch failing = batch("failing " + attempt);
            Throwable thrown = catchThrowable(() -> SendAndWait.send(transport, failing, SEND_TIMEOUT));
            assertThat(thrown).as("attempt %s", attempt).isNotNull();
            assertThat(failing.deliveredCount()).isZero();
        }

        for (int i = 0; i < 4; i++) {
            SendAndWait.send(transport, batch("after " + i), SEND_TIMEOUT); // more sends than the pool has connections
        }

        assertThat(receiver.logs("shop", "backend")).extracting(l -> l.get("message"))
                .containsExactly("after 0", "after 1", "after 2", "after 3");
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("NoClassDefFoundError")
                .contains("new HTTP client"));
    }

    private SlsOptions options() {
        Options o = new Options()
                .set("endpoint", receiver.endpoint())
                .set("project", "shop")
                .set("logstore", "backend")
                .set("accessKeyId", "AKID")
                .set("accessKeySecret", SECRET)
                .set("compression", "none")
                .set("connectTimeout", "2s");
        OptionReader reader = new OptionReader(o);
        SlsOptions options = SlsOptions.read(reader);
        assertThat(reader.errors()).isEmpty();
        return options;
    }

    private static Batch batch(String message) {
        Batch b = new Batch(1);
        b.add(new EncodedEvent(TestLogs.log(message), System.currentTimeMillis(), "INFO"));
        return b;
    }


}
