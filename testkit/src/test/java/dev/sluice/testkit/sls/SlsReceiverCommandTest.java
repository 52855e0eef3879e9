package dev.sluice.testkit.sls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlsReceiverCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesAcceptedLogsAsJsonLinesPerProjectAndLogstore() throws Exception {
        try (SlsReceiver receiver = SlsReceiverCommand.start("--port", "0", "--dir", dir.toString(),
                "--key", "AKID:SECRET", "--key", "STSID:SECRET2:TOKEN")) {
            SignedPutLogs request = new SignedPutLogs();
            request.logstore = "backend";
            request.compressType = "lz4";
            request.rawBody = new ProtoWriter()
                    .message(1, ProtoWriter.log(1_700_000_000L, 5, "level", "INFO", "message", "one"))
                    .message(1, ProtoWriter.log(1_700_000_001L, null, "message", "two"))
                    .string(3, "orders").string(4, "10.0.0.7")
                    .message(6, new ProtoWriter().string(1, "host").string(2, "web-1"))
                    .toByteArray();
            assertThat(request.send(receiver.port()).status).isEqualTo(200);

            SignedPutLogs sts = new SignedPutLogs();
            sts.keyId = "STSID";
            sts.secret = "SECRET2";
            sts.securityToken = "TOKEN";
            sts.logstore = "backend";
            assertThat(sts.send(receiver.port()).status).isEqualTo(200);
        }

        List<String> lines = Files.readAllLines(dir.resolve("shop").resolve("backend.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        List<String> names = new ArrayList<>();
        first.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("__time__", "__time_ns__", "__topic__", "__source__", "__tag__:host",
                "level", "message");
        assertThat(first.get("__time__").asLong()).isEqualTo(1_700_000_000L);
        assertThat(first.get("__time_ns__").asInt()).isEqualTo(5);
        assertThat(first.get("message").asText()).isEqualTo("one");
        assertThat(new ObjectMapper().readTree(lines.get(1)).has("__time_ns__")).isFalse();
        assertThat(new ObjectMapper().readTree(lines.get(2)).get("message").asText()).isEqualTo("hello");
    }

    @Test
    void limitFlagsApply() throws Exception {
        try (SlsReceiver receiver = SlsReceiverCommand.start("--port", "0", "--dir", dir.toString(),
                "--key", "AKID:SECRET", "--max-body-bytes", "2048", "--read-timeout", "5",
                "--max-connections", "2", "--max-requests", "1")) {
            SignedPutLogs big = new SignedPutLogs();
            big.rawBody = new ProtoWriter().message(1, ProtoWriter.log(1L, null, "message", "x".repeat(3000)))
                    .toByteArray();

            assertThat(big.send(receiver.port()).body).contains("\"errorCode\":\"PostBodyTooLarge\"");
            assertThat(new SignedPutLogs().send(receiver.port()).status).isEqualTo(200);
        }
    }

    @Test
    void refusesALimitThatIsNotAPositiveNumber() {
        assertThatThrownBy(() -> SlsReceiverCommand.start("--key", "AKID:SECRET", "--max-requests", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--max-requests must be a number >= 1");
        assertThatThrownBy(() -> SlsReceiverCommand.start("--key", "AKID:SECRET", "--read-timeout", "soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--read-timeout must be a number");
    }

    @Test
    void refusesToStartWithoutAKey() {
        assertThatThrownBy(() -> SlsReceiverCommand.start("--port", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--key");
    }

    @Test
    void refusesAMalformedKey() {
        assertThatThrownBy(() -> SlsReceiverCommand.start("--key", "ONLYID"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ACCESS_KEY_ID:SECRET");
    }
}
