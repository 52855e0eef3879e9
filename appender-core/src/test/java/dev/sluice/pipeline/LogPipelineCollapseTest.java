package dev.sluice.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.Json;
import dev.sluice.testing.Pipelines;
import dev.sluice.testing.Records;
import dev.sluice.testing.RecordingStatusSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static dev.sluice.testing.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Repeat collapsing through a real pipeline: flushed at the window's end and on stop, nothing uncounted. */
class LogPipelineCollapseTest extends PipelineTestBase {
    private static final Instant T0 = Instant.parse("2024-05-06T07:08:09.100Z");

    private LogPipeline startCollapsing(String window) {
        pipeline = LogPipeline.start(pipelineName(), Records.fieldOptions("collapseRepeats", window),
                Pipelines.options("linger", "5ms"), transport, status);
        return pipeline;
    }

    @AfterEach
    void stopCollapsing() {
        transport.open();
        if (pipeline != null) {
            pipeline.stop();
        }
    }

    private List<JsonNode> sentJson() {
        List<JsonNode> all = new ArrayList<>();
        for (dev.sluice.testing.FakeTransport.SentBatch b : transport.batches()) {
            for (byte[] body : b.bodies) {
                all.add(Json.parse(body));
            }
        }
        return all;
    }

    private static void assertBalanced(PipelineStats.Snapshot s) {
        assertThat(s.accepted()).isEqualTo(s.sent() + s.failed() + s.droppedTotal() + s.collapsed() + s.queueDepth());
    }

    @Test
    void repeatsAreShippedOnceWithTheirCountWhenTheWindowEndsEvenWithAnIdleQueue() {
        // Everything is queued before the sender takes the first event (it waits in connect), so the window
        // opens with all 101 events already there: no log call has to land inside a wall-clock window.
        transport.holdConnect();
        LogPipeline p = startCollapsing("300ms");
        for (int i = 0; i < 100; i++) {
            p.offer(event().template("payment failed for {}").message("payment failed for " + i)
                    .time(T0.plusMillis(i)).build());
        }
        p.offer(event().template("other").message("other").level("WARN", 30000).build());
        transport.releaseConnect();

        eventually().until(() -> transport.sentCount() == 2);
        List<JsonNode> sent = sentJson();
        JsonNode repeated = sent.stream().filter(j -> j.has("count")).findFirst().orElseThrow();
        assertThat(repeated.get("count").asLong()).isEqualTo(100);
        assertThat(repeated.get("message").asText()).isEqualTo("payment failed for 0");
        assertThat(OffsetDateTime.parse(repeated.get("first_timestamp").asText()).toInstant()).isEqualTo(T0);
        assertThat(OffsetDateTime.parse(repeated.get("last_timestamp").asText()).toInstant()).isEqualTo(T0.plusMillis(99));
        JsonNode single = sent.stream().filter(j -> !j.has("count")).findFirst().orElseThrow();
        assertThat(single.get("message").asText()).isEqualTo("other");

        PipelineStats.Snapshot s = p.stats();
        assertThat(s.collapsed()).isEqualTo(99);
        assertThat(s.sent()).isEqualTo(2);
        assertThat(s.accepted()).isEqualTo(101);
        assertBalanced(s);
        assertThat(s.toString()).contains("collapsed=99");
    }

    @Test
    void heldRepeatsAreFlushedOnStop() {
        LogPipeline p = startCollapsing("10m");
        for (int i = 0; i < 5; i++) {
            p.offer(event().template("retrying {}").message("retrying " + i).build());
        }
        p.offer(event().template("once").message("once").build());
        p.stop();

        List<JsonNode> sent = sentJson();
        assertThat(sent).hasSize(2);
        assertThat(sent).anySatisfy(j -> {
            assertThat(j.get("message").asText()).isEqualTo("retrying 0");
            assertThat(j.get("count").asLong()).isEqualTo(5);
        });
        PipelineStats.Snapshot s = p.stats();
        assertThat(s.sent() + s.collapsed()).isEqualTo(6);
        assertBalanced(s);
        assertThat(status.messages(RecordingStatusSink.Level.INFO)).anySatisfy(m -> assertThat(m).contains("collapsed=4"));
    }

    @Test
    void beyondTheHeldBoundEventsAreShippedAtOnceAndNothingIsLost() {
        LogPipeline p = startCollapsing("10m");
        int sites = RepeatCollapser.MAX_HELD + 50;
        for (int i = 0; i < sites; i++) {
            p.offer(event().template("site " + i).message("m" + i).build());
        }
        eventually().until(() -> transport.sentCount() == 50);
        assertThat(transport.sentKeys()).contains("m" + (sites - 1)).doesNotContain("m0");
        p.stop();
        assertThat(transport.sentCount()).isEqualTo(sites);
        assertThat(p.stats().collapsed()).isZero();
        assertBalanced(p.stats());
    }

    @Test
    void offByDefault() {
        LogPipeline p = Pipelines.start(pipelineName(), transport, status);
        pipeline = p;
        for (int i = 0; i < 3; i++) {
            p.offer(event().template("same").message("same").build());
        }
        eventually().until(() -> transport.sentCount() == 3);
        assertThat(sentJson()).noneSatisfy(j -> assertThat(j.has("count")).isTrue());
    }

    @Test
    void stopWithTheBackendDownCountsHeldRepeatsAndTheirSummaryWithoutLosingAny() {
        transport.alwaysFailRetryably();
        pipeline = LogPipeline.start(pipelineName(), Records.fieldOptions("collapseRepeats", "10m"),
                Pipelines.options("linger", "5ms", "batchSize", "1", "maxRetries", "1000", "retryBackoff", "5ms",
                        "closeTimeout", "200ms"), transport, status);
        for (int i = 0; i < 5; i++) {
            pipeline.offer(event().template("retrying {}").message("retrying " + i).build());
        }
        pipeline.offer(event().template("once").message("once").build());
        pipeline.stop();

        PipelineStats.Snapshot s = pipeline.stats();
        assertThat(s.accepted()).isEqualTo(6);
        assertThat(s.sent()).isZero();
        assertThat(s.queueDepth()).isZero();
        assertBalanced(s);
    }

    @Test
    void stopAbandoningAStuckSendCountsTheEventsStillHeld() {
        transport.holdSendsIgnoringInterrupts();
        pipeline = LogPipeline.start(pipelineName(), Records.fieldOptions("collapseRepeats", "10m"),
                Pipelines.options("linger", "0ms", "batchSize", "1", "closeTimeout", "100ms"), transport, status);
        for (int site = 0; site < 3; site++) {
            for (int i = 0; i < 4; i++) {
                pipeline.offer(event().template("site " + site).message("site " + site + " #" + i).build());
            }
        }
        eventually().until(() -> pipeline.stats().queueDepth() == 0);
        pipeline.stop();
        // The sender, given up on while stuck in the first summary's send, counts what it still holds once freed.
        transport.open();

        assertThat(pipeline.stats().accepted()).isEqualTo(12);
        eventually().untilAsserted(() -> assertBalanced(pipeline.stats()));
        assertThat(pipeline.stats().sent()).isZero();
    }
}
