package dev.sluice.pipeline;

import dev.sluice.testing.FakeTransport;
import dev.sluice.testing.Pipelines;
import dev.sluice.testing.RecordingStatusSink;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** A pipeline over a {@link FakeTransport}, always stopped and released after each test. */
abstract class PipelineTestBase {
    protected final RecordingStatusSink status = new RecordingStatusSink();
    protected final FakeTransport transport = new FakeTransport();
    private final List<LogPipeline> started = new ArrayList<>();
    protected LogPipeline pipeline;
    private String name = "test";

    @org.junit.jupiter.api.BeforeEach
    void nameAfterTest(TestInfo info) {
        name = getClass().getSimpleName() + "-" + info.getTestMethod().map(m -> m.getName()).orElse("x");
    }

    protected String pipelineName() {
        return name;
    }

    protected LogPipeline start(String... options) {
        pipeline = Pipelines.start(name, transport, status, options);
        started.add(pipeline);
        return pipeline;
    }

    protected static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5));
    }

    @AfterEach
    void stopEverything() {
        transport.open();
        for (LogPipeline p : started) {
            p.stop();
        }
    }
}
