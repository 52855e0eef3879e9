package dev.sluice.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteSizesTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
            "512, 512",
            "512B, 512",
            "64KB, 65536",
            "64kb, 65536",
            "64KiB, 65536",
            "4MiB, 4194304",
            "4MB, 4194304",
            "1GB, 1073741824",
            "'1 GB', 1073741824",
            "1_000, 1000",
    })
    void parsesBinarySizes(String text, long expected) {
        assertThat(ByteSizes.parse(text)).isEqualTo(expected);
    }

    @Test
    void rejectsAnUnknownUnitNamingIt() {
        assertThatThrownBy(() -> ByteSizes.parse("3 TB"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'TB'")
                .hasMessageContaining("'3 TB'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MB", "-5", "1.5MB", "lots", "99999999999999999999"})
    void rejectsMalformedSizes(String text) {
        assertThatThrownBy(() -> ByteSizes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @Test
    void rejectsSizesThatOverflowALong() {
        assertThatThrownBy(() -> ByteSizes.parse("9000000000000GB"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void formatsToTheLargestExactUnit() {
        assertThat(ByteSizes.format(4L << 20)).isEqualTo("4MB");
        assertThat(ByteSizes.format(2048)).isEqualTo("2KB");
        assertThat(ByteSizes.format(1536)).isEqualTo("1536B");
    }
}
