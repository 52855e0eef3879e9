package dev.sluice.pipeline;

import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading {@code overflowReserve} and {@code overflowReserveLevel}, and the reserve they give. */
class PipelineOptionsReserveTest {

    private static OptionReader reader(String... nameValue) {
        Options o = new Options();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            o.set(nameValue[i], nameValue[i + 1]);
        }
        return new OptionReader(o);
    }

    @Test
    void byDefaultTenPercentOfTheQueueIsKeptForWarnAndAbove() {
        OptionReader r = reader();
        PipelineOptions p = PipelineOptions.read(r);
        assertThat(r.errors()).isEmpty();
        assertThat(p.overflowReserve()).isEqualTo(10);
        assertThat(p.overflowReserveLevel()).isEqualTo(Severity.WARN);
        assertThat(p.reservedEvents()).isEqualTo(3276); // 10% of 32768, rounded down
        assertThat(p.reservedBytes()).isEqualTo((64L << 20) / 10);
    }

    @Test
    void theReserveIsRoundedDownSoTinyQueuesKeepNoCountReserve() {
        PipelineOptions p = PipelineOptions.read(reader("queueSize", "9", "maxQueueBytes", "1KB", "overflowReserve", "90"));
        assertThat(p.reservedEvents()).isEqualTo(8);
        assertThat(p.reservedBytes()).isEqualTo(921);
        assertThat(PipelineOptions.read(reader("queueSize", "9")).reservedEvents()).isZero();
        assertThat(PipelineOptions.read(reader("queueSize", "1", "overflowReserve", "90")).reservedEvents()).isZero();
    }

    @Test
    void zeroTurnsTheReserveOff() {
        PipelineOptions p = PipelineOptions.read(reader("overflowReserve", "0"));
        assertThat(p.reservedEvents()).isZero();
        assertThat(p.reservedBytes()).isZero();
    }

    @Test
    void levelsAreReadInAnyCase() {
        assertThat(PipelineOptions.read(reader("overflowReserveLevel", "ERROR")).overflowReserveLevel())
                .isEqualTo(Severity.ERROR);
        assertThat(PipelineOptions.read(reader("overflowReserveLevel", " Info ")).overflowReserveLevel())
                .isEqualTo(Severity.INFO);
    }

    @Test
    void outOfRangeAndUnknownValuesAreErrorsNamingTheOption() {
        OptionReader r = reader("overflowReserve", "91", "overflowReserveLevel", "warning");
        PipelineOptions.read(r);
        assertThat(r.errors()).hasSize(2);
        assertThat(r.errors().get(0)).contains("option 'overflowReserve'").contains("between 0 and 90");
        assertThat(r.errors().get(1)).contains("option 'overflowReserveLevel'")
                .contains("expected one of [trace, debug, info, warn, error], got 'warning'");
        OptionReader negative = reader("overflowReserve", "-1");
        PipelineOptions.read(negative);
        assertThat(negative.errors()).singleElement().asString().contains("between 0 and 90");
    }
}
