package dev.sluice.pipeline;

import dev.sluice.transport.TransportFactory;
import dev.sluice.config.Backend;
import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import dev.sluice.fields.FieldOptions;
import dev.sluice.testing.Events;
import dev.sluice.testing.FakeTransport;
import dev.sluice.testing.RecordingStatusSink;
import dev.sluice.transport.Transport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PipelineAssemblyTest {
    private final FakeTransport transport = new FakeTransport();
    private final RecordingStatusSink status = new RecordingStatusSink();

    private final TransportFactory factoryWithDefaults = (reader, fields) -> transport;

    private TransportFactory factoryFor(Backend backend) {
        return new TransportFactory() {
            @Override
            public Transport create(OptionReader reader, FieldOptions fields) {
                return transport;
            }

            @Override
            public Backend backend() {
                return backend;
            }
        };
    }

    @Test
    void theBackendsOwnDefaultsApplyWhenTheUserSetsNothing() {
        OptionReader nothingSet = new OptionReader(new Options());
        assertThat(PipelineOptions.read(nothingSet, Backend.SLS).batchSize()).isEqualTo(4096);
        assertThat(PipelineOptions.read(nothingSet, Backend.RABBITMQ).batchSize()).isEqualTo(1024);
        // Never more than the queue holds, whichever default applies.
        OptionReader smallQueue = new OptionReader(new Options().set("queueSize", "100"));
        assertThat(PipelineOptions.read(smallQueue, Backend.SLS).batchSize()).isEqualTo(100);
    }

    @Test
    void theUsersOptionWinsOverTheBackendDefault() {
        LogPipeline p = PipelineAssembly.start("t", new Options().set("linger", "1m").set("batchSize", "2"), status,
                factoryFor(Backend.SLS));
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
    void anUnknownOptionIsAnErrorNamingTheClosestKnownOne() {
        LogPipeline p = PipelineAssembly.start("t", new Options().set("routngKey", "{level}"), status,
                factoryFor(Backend.RABBITMQ));
        assertThat(p).isNull();
        assertThat(status.errors()).anySatisfy(m -> assertThat(m)
                .contains("option 'routngKey'").contains("did you mean 'routingKey'"));
    }

    @Test
    void anOptionOfAnotherBackendIsAnError() {
        LogPipeline p = PipelineAssembly.start("t", new Options().set("exchange", "logs"), status,
                factoryFor(Backend.SLS));
        assertThat(p).isNull();
        assertThat(status.errors()).anySatisfy(m -> assertThat(m)
                .contains("option 'exchange'").contains("RabbitMQ").contains("not of SLS"));
    }

    @Test
    void errorsNameTheOptionAsTheUserWroteIt() {
        LogPipeline p = PipelineAssembly.start("t", new Options().set("queueSize", "lots", "sluice.sls.queue-size"),
                status, factoryFor(Backend.SLS));
        assertThat(p).isNull();
        assertThat(status.errors()).anySatisfy(m -> assertThat(m).contains("property 'sluice.sls.queue-size'"));
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
