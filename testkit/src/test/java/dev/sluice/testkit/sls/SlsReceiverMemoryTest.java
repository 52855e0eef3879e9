package dev.sluice.testkit.sls;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone server's heap stays flat however many logs it receives: signed requests of 4096 logs each, four
 * refused ones with a 60 KB head after each, used heap after a full GC sampled along the way, none more than
 * {@link #BOUND_BYTES} above the first sample.
 *
 * <p>1,000,000 logs by default (about 10 s); {@code -Dsluice.sls.memoryTestLogs=N} runs more or fewer.
 */
class SlsReceiverMemoryTest {

    private static final int LOGS_PER_REQUEST = 4096;
    /** Independent of the number of logs; retaining them would cost about 2 KB each (2 GB for a million). */
    private static final long BOUND_BYTES = 32L * 1024 * 1024;
    private static final int SAMPLES = 10;
    private static final int UNSIGNED_PER_SIGNED = 4;

    @TempDir
    Path dir;

    @Test
    void heapStaysFlatOverAMillionLogs() throws Exception {
        long totalLogs = Long.getLong("sluice.sls.memoryTestLogs", 1_000_000L);
        int requests = (int) ((totalLogs + LOGS_PER_REQUEST - 1) / LOGS_PER_REQUEST);
        SignedPutLogs request = new SignedPutLogs();
        request.compressType = "lz4";
        request.rawBody = logGroup(LOGS_PER_REQUEST);
        // Refused requests with a 60 KB head in between: the receiver must not keep them either.
        SignedPutLogs unsigned = new SignedPutLogs();
        unsigned.secret = "WRONG";
        unsigned.securityToken = "t".repeat(60 * 1024);
        int every = Math.max(1, requests / SAMPLES);
        List<Long> samples = new ArrayList<>();

        try (SlsReceiver receiver = SlsReceiverCommand.start("--port", "0", "--dir", dir.toString(),
                "--key", "AKID:SECRET")) {
            assertThat(request.send(receiver.port()).status).isEqualTo(200); // warms up every code path once
            long baseline = usedHeapAfterGc();
            for (int i = 1; i < requests; i++) {
                assertThat(request.send(receiver.port()).status).isEqualTo(200);
                for (int u = 0; u < UNSIGNED_PER_SIGNED; u++) {
                    assertThat(unsigned.send(receiver.port()).status).isEqualTo(401);
                }
                if (i % every == 0 || i == requests - 1) {
                    long used = usedHeapAfterGc();
                    samples.add(used);
                    // Checked at each sample, so that a leak fails here rather than running the JVM out of memory.
                    assertThat(used - baseline).as("heap growth after %d logs; samples %s",
                            (long) (i + 1) * LOGS_PER_REQUEST, mb(samples)).isLessThan(BOUND_BYTES);
                }
            }
            long logs = (long) requests * LOGS_PER_REQUEST;
            assertThat(receiver.logCount("shop", "app")).isEqualTo((int) logs);
            System.out.printf("SLS receiver, standalone mode, %,d logs in %d requests (+%d refused): used heap after GC"
                            + " baseline %.1f MB, samples %s MB, max growth %.1f MB; JSON lines %,d bytes%n",
                    logs, requests, (requests - 1) * UNSIGNED_PER_SIGNED, baseline / 1e6, mb(samples),
                    (samples.stream().mapToLong(Long::longValue).max().orElse(baseline) - baseline) / 1e6,
                    Files.size(dir.resolve("shop").resolve("app.jsonl")));
        }
    }

    /** 4096 logs of an application's usual shape: level, logger, thread, a 100-character message. */
    private static byte[] logGroup(int n) {
        ProtoWriter group = new ProtoWriter();
        for (int i = 0; i < n; i++) {
            group.message(1, ProtoWriter.log(1_700_000_000L + i, i, "level", "INFO",
                    "logger", "com.example.orders.OrderService", "thread", "http-nio-8080-exec-" + (i % 16),
                    "message", "order " + i + " accepted for customer " + (i * 7919) + " " + "x".repeat(60)));
        }
        return group.string(3, "orders").string(4, "10.0.0.7").toByteArray();
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static List<String> mb(List<Long> bytes) {
        List<String> text = new ArrayList<>();
        for (long b : bytes) {
            text.add(String.format("%.1f", b / 1e6));
        }
        return text;
    }
}
