package dev.sluice.pipeline;

import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import dev.sluice.fields.FieldOptions;
import dev.sluice.testing.Events;
import dev.sluice.testing.FakeTransport;
import dev.sluice.testing.RecordingStatusSink;
import dev.sluice.transport.Transport;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PipelineAssemblyTest {
    private final FakeTransport transport = new FakeTransport();
    private final RecordingStatusSink status = new RecordingStatusSink();

    private final PipelineAssembly.TransportFactory factoryWithDefaults = new PipelineAssembly.TransportFactory() {
        @Override
        public Transport create(OptionReader reader, FieldOptions fields) {
            return transport;
        }

        @Override
        public Map<String, String> defaults() {
            return Map.of("batchSize", "3");
        }
    };

    @Test
    void transportDefaultsApplyWhenTheUserSetsNothing() {
        LogPipeline p = PipelineAssembly.start("t", new Options().set("linger", "1m"), status, factoryWithDefaults);
        try {
            for (int i = 0; i < 6; i++) {
                p.offer(Events.info("e" + i));
            }
            // With the default batch size (1024) and a one-minute linger nothing would be sent yet.
            await().until(() -> transport.sentCount() == 6);
            assertThat(transport.batchSizes()).containsExactly(3, 3);
        } finally {
            p.stop();
        }
    }

    @Test
    void theUsersOptionWinsOverTheTransportDefault() {
        LogPipeline p = PipelineAssembly.start("t", new Options().set("linger", "1m").set("batchSize", "2"), status,
                factoryWithDefaults);
        try {
            for (int i = 0; i < 4; i++) {
                p.offer(Events.info("e" + i));
            }
            await().until(() -> transport.sentCount() == 4);
            assertThat(transport.batchSizes()).containsExactly(2, 2);
        } finally {
            p.stop();
        }
    }

    @Test
    void callerCaptureFollowsCoresBooleanSyntax() {
        LogPipeline on = PipelineAssembly.start("t", new Options().set("includeCallerData", " yes "), status,
                factoryWithDefaults);
        try {
            assertThat(on.capturesCallerData()).isTrue();
        } finally {
            on.stop();
        }
        LogPipeline off = PipelineAssembly.start("t", new Options(), status, (reader, fields) -> new FakeTransport());
        try {
            assertThat(off.capturesCallerData()).isFalse();
        } finally {
            off.stop();
        }
    }

    @Test
    void configurationErrorsStartNothingAndNameTheOption() {
        LogPipeline p = PipelineAssembly.start("t", new Options().set("queueSize", "lots"), status, factoryWithDefaults);
        assertThat(p).isNull();
        assertThat(status.errors()).anySatisfy(m -> assertThat(m).contains("option 'queueSize'"));
        assertThat(transport.isClosed()).isTrue();
    }
}
