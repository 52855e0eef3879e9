package dev.sluice.testkit.sls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

/** Runs the executable jar ({@code java -jar target/sluice-testkit.jar sls-receiver ...}) in a child JVM. */
class SlsReceiverJarIT {

    @TempDir
    Path dir;

    @Test
    void theExecutableJarServesAndWritesJsonLines() throws Exception {
        Path jar = Paths.get("target", "sluice-testkit.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "sls-receiver",
                "--port", "0", "--dir", dir.toString(), "--key", "AKID:SECRET")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String firstLine = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            Matcher listening = Pattern.compile("SLS receiver listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(
                    String.valueOf(firstLine));
            assertThat(listening.find()).as(firstLine).isTrue();
            int port = Integer.parseInt(listening.group(1));

            assertThat(new SignedPutLogs().send(port).status).isEqualTo(200);

            Path file = dir.resolve("shop").resolve("app.jsonl");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file) && Files.size(file) > 0);
            assertThat(Files.readString(file)).contains("\"message\":\"hello\"");
        } finally {
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }
}
