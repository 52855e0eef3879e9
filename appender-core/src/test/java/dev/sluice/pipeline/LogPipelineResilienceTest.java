package dev.sluice.pipeline;

import dev.sluice.event.DeferredMessage;
import dev.sluice.testing.Events;
import dev.sluice.testing.Pipelines;
import dev.sluice.testing.Records;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Errors that escape the code the sender calls (encoders, transports, messages) never end the sender thread. */
class LogPipelineResilienceTest extends PipelineTestBase {

    @AfterEach
    void stopDirectlyStarted() {
        if (pipeline != null) {
            pipeline.stop();
        }
    }

    @Test
    void anErrorFromTheEncoderDropsThatEventOnly() {
        transport.encoderFailsFor("poison", new AssertionError("encoder bug"));
        start("linger", "10ms");
        pipeline.offer(Events.info("poison"));
        pipeline.offer(Events.info("after"));

        eventually().until(() -> transport.sentKeys().contains("after"));
        assertThat(pipeline.stats().dropped(DropReason.ENCODE_ERROR)).isEqualTo(1);
        assertThat(status.warnings()).anySatisfy(m -> assertThat(m).contains("Could not encode"));
    }

    @Test
    void anErrorFromTheTransportIsRetriedLikeAnyFailure() {
        transport.failWithError(new AssertionError("client library bug"), 1);
        start("linger", "10ms", "retryBackoff", "1ms", "maxRetryBackoff", "2ms");
        pipeline.offer(Events.info("survives"));

        eventually().until(() -> transport.sentKeys().contains("survives"));
        assertThat(pipeline.stats().retries()).isEqualTo(1);
        assertThat(pipeline.stats().failed()).isZero();
    }

    @Test
    void anUnexpectedErrorInTheSenderItselfIsCountedReportedAndSurvived() {
        // With collapsing on and no template, the collapser keys on the formatted message: a message whose
        // formatting throws an Error reaches the sender loop itself.
        pipeline = LogPipeline.start(pipelineName(), Records.fieldOptions("collapseRepeats", "50ms"),
                Pipelines.options("linger", "10ms"), transport, status);
        DeferredMessage hostile = new DeferredMessage() {
            @Override
            public String format() {
                throw new AssertionError("hostile message");
            }

            @Override
            public long estimatedBytes() {
                return 64;
            }
        };
        pipeline.offer(Events.event().message(hostile).build());
        pipeline.offer(Events.info("after"));

        eventually().until(() -> transport.sentKeys().contains("after"));
        assertThat(pipeline.stats().dropped(DropReason.INTERNAL_ERROR)).isEqualTo(1);
        assertThat(status.errors()).anySatisfy(m -> assertThat(m).contains("unexpected error")
                .contains("1 event(s) it was working on were dropped"));
    }
}
