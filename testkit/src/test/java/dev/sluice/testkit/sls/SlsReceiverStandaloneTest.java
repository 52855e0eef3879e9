package dev.sluice.testkit.sls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone server keeps nothing per request, and a failed write is answered, undone and reported. */
class SlsReceiverStandaloneTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);

    @Test
    void theStandaloneServerRetainsNothingPerRequest() throws Exception {
        try (SlsReceiver receiver = SlsReceiverCommand.start("--port", "0", "--dir", dir.toString(),
                "--key", "AKID:SECRET")) {
            for (int i = 0; i < 50; i++) {
                assertThat(new SignedPutLogs().send(receiver.port()).status).isEqualTo(200);
                SignedPutLogs unsigned = new SignedPutLogs();
                unsigned.secret = "WRONG";
                assertThat(unsigned.send(receiver.port()).status).isEqualTo(401);
            }

            assertThat(receiver.retainedObjects()).isZero();
            assertThat(receiver.logCount("shop", "app")).isEqualTo(50);
            assertThat(receiver.requestCount()).isEqualTo(100);
            assertThatThrownBy(receiver::requests).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("retainReceived(false)");
            assertThatThrownBy(receiver::logs).isInstanceOf(IllegalStateException.class);
        }
        assertThat(Files.readAllLines(dir.resolve("shop").resolve("app.jsonl"))).hasSize(50);
    }

    @Test
    void aTestReceiverRetainsByDefault() throws Exception {
        try (SlsReceiver receiver = SlsReceiver.builder().key("AKID", "SECRET").start()) {
            assertThat(new SignedPutLogs().send(receiver.port()).status).isEqualTo(200);

            assertThat(receiver.logs()).hasSize(1);
            assertThat(receiver.requests()).hasSize(1);
            assertThat(receiver.retainedObjects()).isEqualTo(2);
        }
    }

    @Test
    void aWriteThatFailsIsAnswered500WithoutPathStoresNothingAndIsPrintedOnTheConsole() throws Exception {
        // A directory where the JSON lines file should be: every write fails, as on a full or read-only disk.
        Files.createDirectories(dir.resolve("shop").resolve("app.jsonl"));
        try (SlsReceiver receiver = SlsReceiverCommand.builder("--port", "0", "--dir", dir.toString(),
                "--key", "AKID:SECRET").retainReceived(true).console(console).start()) {

            RawHttp.Response response = new SignedPutLogs().send(receiver.port());

            assertThat(response.status).isEqualTo(500);
            assertThat(response.body).contains("\"errorCode\":\"InternalServerError\"")
                    .doesNotContain(dir.toString()).doesNotContain("jsonl").doesNotContain("/");
            assertThat(receiver.logs()).isEmpty();
            assertThat(receiver.logCount("shop", "app")).isZero();
            assertThat(receiver.requests()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(500));
            assertThat(consoleBytes.toString(StandardCharsets.UTF_8))
                    .contains("could not write 1 logs").contains("answered 500, nothing stored");
        }
    }

    @Test
    void aWriteTornByAFullDiskIsTruncatedBackAndARetryDoesNotDuplicate() throws Exception {
        AtomicBoolean diskFull = new AtomicBoolean();
        LogFile.Opener fillsUp = file -> new TornWrites(LogFile.FILES.open(file), diskFull);
        try (SlsReceiver receiver = SlsReceiverCommand.builder("--port", "0", "--dir", dir.toString(),
                "--key", "AKID:SECRET").retainReceived(true).files(fillsUp).console(console).start()) {
            assertThat(new SignedPutLogs().send(receiver.port()).status).isEqualTo(200);
            Path file = dir.resolve("shop").resolve("app.jsonl");
            byte[] before = Files.readAllBytes(file);

            diskFull.set(true);
            SignedPutLogs three = new SignedPutLogs();
            three.rawBody = new ProtoWriter()
                    .message(1, ProtoWriter.log(1L, null, "message", "a"))
                    .message(1, ProtoWriter.log(2L, null, "message", "b"))
                    .message(1, ProtoWriter.log(3L, null, "message", "c"))
                    .toByteArray();
            RawHttp.Response refused = three.send(receiver.port());

            assertThat(refused.status).isEqualTo(500);
            assertThat(refused.body).doesNotContain(dir.toString()).doesNotContain("/");
            assertThat(Files.readAllBytes(file)).as("no torn line: the file is as before").isEqualTo(before);
            assertThat(receiver.logCount("shop", "app")).isEqualTo(1);
            assertThat(consoleBytes.toString(StandardCharsets.UTF_8)).contains("No space left on device");

            diskFull.set(false);
            assertThat(three.send(receiver.port()).status).isEqualTo(200);

            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(4);
            assertThat(lines.subList(1, 4)).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
            assertThat(receiver.logs("shop", "app")).extracting(log -> log.get("message"))
                    .containsExactly("hello", "a", "b", "c");
        }
    }

    /** Writes half of what it is given, then fails as a full disk does, while {@code full} is set. */
    private static final class TornWrites implements LogFile {
        private final LogFile file;
        private final AtomicBoolean full;

        TornWrites(LogFile file, AtomicBoolean full) {
            this.file = file;
            this.full = full;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public void write(ByteBuffer bytes, long position) throws IOException {
            if (full.get()) {
                ByteBuffer half = bytes.duplicate();
                half.limit(half.position() + bytes.remaining() / 2);
                file.write(half, position);
                throw new IOException("No space left on device");
            }
            file.write(bytes, position);
        }

        @Override
        public void truncate(long size) throws IOException {
            file.truncate(size);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
