package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;

class AmqpEndpointTest {

    @Test
    void uriAndToString() {
        AmqpEndpoint endpoint = new AmqpEndpoint("127.0.0.1", 5672, "guest", "s3cret", false);
        assertThat(endpoint.uri()).isEqualTo("amqp://guest:s3cret@127.0.0.1:5672");
        assertThat(endpoint.toString()).contains("127.0.0.1:5672").doesNotContain("s3cret");
        assertThat(endpoint).isEqualTo(new AmqpEndpoint("127.0.0.1", 5672, "guest", "s3cret", false));
        assertThat(endpoint).isNotEqualTo(new AmqpEndpoint("127.0.0.1", 5672, "guest", "s3cret", true));
    }

    @Test
    void uriEncodesCredentialsSoTheClientDecodesThemBack() throws Exception {
        AmqpEndpoint endpoint = new AmqpEndpoint("127.0.0.1", 5672, "a b", "p@ss:w/rd+%", false);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(endpoint.uri());
        assertThat(factory.getUsername()).isEqualTo("a b");
        assertThat(factory.getPassword()).isEqualTo("p@ss:w/rd+%");
        assertThat(factory.getPort()).isEqualTo(5672);
    }
}
