package dev.sluice.testkit.sls.official;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.sls.ReceivedLog;
import dev.sluice.testkit.sls.ReceivedRequest;
import dev.sluice.testkit.sls.SlsReceiver;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Proof that {@link SlsReceiver} speaks the real protocol: Alibaba's own Logback appender
 * (aliyun-log-logback-appender 0.1.27, its producer and SDK) writes to it and the receiver verifies its signature
 * and decodes what it sent. The official appender needs protobuf-java 2.5 and Logback 1.2, so it runs in its own
 * class loader built from the jars Maven copied to target/official-sls-appender.
 */
class OfficialAppenderCompatibilityTest {

    @Test
    void theOfficialLogbackAppenderWritesToTheReceiver() throws Exception {
        try (SlsReceiver receiver = SlsReceiver.builder().key("OFFICIALID", "official-secret").start();
                URLClassLoader official = officialAppenderClassLoader()) {
            Class<?> driver = Class.forName(OfficialAppenderDriver.class.getName(), true, official);
            assertThat(driver.getClassLoader()).isSameAs(official);
            Runnable stop = (Runnable) driver.getMethod("logThrough", String.class, Map.class, String[].class)
                    .invoke(null, "127.0.0.1:" + receiver.port(),
                            Map.of("project", "shop", "endpoint", "sls.test.invalid", "logStore", "backend",
                                    "accessKeyId", "OFFICIALID", "accessKeySecret", "official-secret",
                                    "topic", "orders"),
                            new String[] {"order 1001 placed", "order 1002 placed", "order 1003 paid"});
            try {
                List<ReceivedLog> logs = receiver.awaitLogs("shop", "backend", 3, Duration.ofSeconds(30));

                assertThat(logs).extracting(log -> log.get("message"))
                        .containsExactly("order 1001 placed", "order 1002 placed", "order 1003 paid");
                assertThat(logs).allSatisfy(log -> {
                    assertThat(log.get("level")).isEqualTo("INFO");
                    assertThat(log.get("thread")).isNotBlank();
                    assertThat(log.get("location")).contains("OfficialAppenderDriver");
                    assertThat(log.topic()).isEqualTo("orders");
                    assertThat(log.time()).isPositive();
                });
                assertThat(logs.get(1).get("requestId")).isEqualTo("r-1");
                ReceivedRequest request = receiver.requests().get(0);
                assertThat(request.status()).isEqualTo(200);
                assertThat(request.header("Host")).startsWith("shop.sls.test.invalid");
                assertThat(request.header("Authorization")).startsWith("LOG OFFICIALID:");
                // The official producer compresses with lz4 by default: the raw-block path is exercised too.
                assertThat(request.compressType()).isEqualTo("lz4");
                assertThat(request.rawSize()).isGreaterThan(request.bodyLength());
                assertThat(logs.get(0).tags()).containsKey("__pack_id__");
            } finally {
                stop.run();
            }
        }
    }

    private static URLClassLoader officialAppenderClassLoader() throws IOException {
        Path jars = Paths.get(System.getProperty("sluice.officialSlsAppender.dir", "target/official-sls-appender"));
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(jars)) {
            for (Path jar : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar"))::iterator) {
                urls.add(jar.toUri().toURL());
            }
        }
        assertThat(urls).as("official appender runtime jars in " + jars).hasSizeGreaterThan(10);
        // Only the driver and its appender subclass are needed from the test classes.
        urls.add(Paths.get(OfficialAppenderDriver.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toUri().toURL());
        return new URLClassLoader("official-sls-appender", urls.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader());
    }
}
