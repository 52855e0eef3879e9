package dev.sluice.event;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** User objects whose methods throw Errors, not just exceptions, are read without anything escaping. */
class HostileObjectsTest {

    @Test
    void anArgumentWhoseToStringThrowsAnErrorIsSnapshotAsAMarker() {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new AssertionError("assertions enabled in production");
            }
        };
        assertThat(ImmutableArguments.snapshot(hostile)).isEqualTo("[toString() threw java.lang.AssertionError]");
    }

    @Test
    void aThrowableWhoseMessageThrowsAnErrorIsStillDescribed() {
        Throwable hostile = new IllegalStateException() {
            @Override
            public String getMessage() {
                throw new AssertionError("broken getMessage");
            }
        };
        ThrowableInfo info = JavaThrowableInfo.of(hostile);
        assertThat(info.className()).contains("HostileObjectsTest");
        assertThat(info.message()).isNotNull();
    }
}
