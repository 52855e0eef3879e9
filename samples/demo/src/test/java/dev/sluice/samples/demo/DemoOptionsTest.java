package dev.sluice.samples.demo;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoOptionsTest {

    private static final Path HOME = Path.of("samples");

    @Test
    void noArgumentsMeansEmbeddedBackends() {
        DemoOptions o = DemoOptions.parse(new String[0], Map.of(), HOME);
        assertThat(o.rabbitMqUri).isNull();
        assertThat(o.slsEndpoint).isNull();
        assertThat(o.orders).isEqualTo(8);
    }

    @Test
    void anSlsEndpointTakesTheKeyFromTheEnvironment() {
        DemoOptions o = DemoOptions.parse(new String[] {"--sls-endpoint", "cn-hangzhou.log.aliyuncs.com",
            "--sls-project", "shop", "--sls-logstore", "orders"},
                Map.of("SLS_ACCESS_KEY_ID", "id", "SLS_ACCESS_KEY_SECRET", "secret"), HOME);
        assertThat(o.slsAccessKeyId).isEqualTo("id");
        assertThat(o.slsAccessKeySecret).isEqualTo("secret");
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--sls-endpoint", "h"}, Map.of(), HOME))
                .hasMessageContaining("--sls-project and --sls-logstore");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--sls-endpoint", "h", "--sls-project", "p",
            "--sls-logstore", "l"}, Map.of(), HOME)).hasMessageContaining("SLS_ACCESS_KEY_SECRET");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--rabbit", "x"}, Map.of(), HOME))
                .hasMessageContaining("unknown option --rabbit").hasMessageContaining("usage:");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--orders", "0"}, Map.of(), HOME))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--rabbitmq-uri"}, Map.of(), HOME))
                .hasMessageContaining("needs a value");
    }
}
