package dev.sluice.pipeline;

import dev.sluice.testing.Events;
import dev.sluice.testing.FakeTransport.SentBatch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogPipelineBatchingTest extends PipelineTestBase {

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "event-" + i).collect(Collectors.toList());
    }

    @Test
    void batchesAreCutByBatchSize() {
        transport.holdConnect();
        start("batchSize", "5", "linger", "1m");
        for (String id : ids(12)) {
            assertThat(pipeline.offer(Events.info(id))).isTrue();
        }
        transport.releaseConnect();

        eventually().until(() -> transport.sentCount() == 10);
        assertThat(transport.batchSizes()).containsExactly(5, 5);
        assertThat(transport.sentKeys()).containsExactlyElementsOf(ids(10));
        // the remaining 2 wait for linger (1 minute) or stop
        pipeline.stop();
        assertThat(transport.batchSizes()).containsExactly(5, 5, 2);
        assertThat(pipeline.stats().batches()).isEqualTo(3);
    }

    @Test
    void aBatchThatFillsUpWhileTheSenderLingersIsShippedWithoutWaitingForLinger() {
        start("batchSize", "5", "linger", "1m");
        pipeline.offer(Events.info("first"));
        // the sender took the first event into a batch and now parks for linger
        eventually().until(() -> pipeline.stats().queueDepth() == 0);
        Thread sender = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sluice-" + pipelineName())).findFirst().orElseThrow();
        eventually().until(() -> sender.getState() == Thread.State.TIMED_WAITING);
        for (int i = 1; i < 5; i++) {
            pipeline.offer(Events.info("next-" + i));
        }
        eventually().until(() -> transport.sentCount() == 5);
        assertThat(transport.batchSizes()).containsExactly(5);
    }

    @Test
    void batchesAreCutByBatchBytes() {
        transport.holdConnect();
        start("batchSize", "1000", "batchBytes", "1KB", "linger", "1m");
        for (String id : ids(20)) {
            pipeline.offer(Events.info(id + "-" + "p".repeat(100)));
        }
        transport.releaseConnect();
        pipeline.stop();

        List<SentBatch> batches = transport.batches();
        assertThat(transport.sentCount()).isEqualTo(20);
        assertThat(batches).hasSizeGreaterThan(2);
        for (int i = 0; i < batches.size(); i++) {
            SentBatch b = batches.get(i);
            assertThat(b.bytes).as("batch %d bytes", i).isLessThanOrEqualTo(1024);
            assertThat(b.bodies.stream().mapToLong(x -> x.length).sum()).isEqualTo(b.bytes);
            if (i + 1 < batches.size()) {
                // cut only because the next event would not have fitted
                assertThat(b.bytes + batches.get(i + 1).bodies.get(0).length).as("batch %d", i).isGreaterThan(1024);
            }
        }
    }

    @Test
    void anEventLargerThanBatchBytesTravelsAlone() {
        transport.holdConnect();
        start("batchSize", "1000", "batchBytes", "1KB", "linger", "1m");
        pipeline.offer(Events.info("small-1"));
        pipeline.offer(Events.info("big-" + "x".repeat(3000)));
        pipeline.offer(Events.info("small-2"));
        transport.releaseConnect();
        pipeline.stop();

        assertThat(transport.batchSizes()).containsExactly(1, 1, 1);
        assertThat(transport.batches().get(1).bytes).isGreaterThan(3000);
    }

    @Test
    void aLoneEventIsDeliveredAfterLingerWithoutFurtherEvents() {
        start("batchSize", "1000", "linger", "50ms");
        pipeline.offer(Events.info("lonely"));

        eventually().until(() -> transport.sentCount() == 1);
        assertThat(transport.batchSizes()).containsExactly(1);
        assertThat(transport.sentKeys()).containsExactly("lonely");
        assertThat(pipeline.isStopped()).isFalse();
    }

    @Test
    void eventsArrivingWithinLingerShareOneBatch() {
        start("batchSize", "1000", "linger", "1m");
        pipeline.offer(Events.info("a"));
        pipeline.offer(Events.info("b"));
        pipeline.offer(Events.info("c"));
        pipeline.stop();

        assertThat(transport.batchSizes()).containsExactly(3);
        assertThat(transport.sentKeys()).containsExactly("a", "b", "c");
    }

    @Test
    void deliveredBodiesAreTheEncoderOutput() {
        start("batchSize", "1", "linger", "0ms");
        pipeline.offer(Events.event().message("payload").mdc("requestId", "r-9").build());
        eventually().until(() -> transport.sentCount() == 1);

        com.fasterxml.jackson.databind.JsonNode json =
                dev.sluice.testing.Json.parse(transport.batches().get(0).bodies.get(0));
        assertThat(json.get("message").asText()).isEqualTo("payload");
        assertThat(json.get("requestId").asText()).isEqualTo("r-9");
        assertThat(pipeline.stats().sent()).isEqualTo(1);
        assertThat(pipeline.stats().accepted()).isEqualTo(1);
    }
}
