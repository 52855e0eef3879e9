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

    @Test
    void fromUriReadsWhatTheClientReadsFromTheSameUri() throws Exception {
        String uri = "amqps://shop%20user:p%40ss+w@broker.example:5673/prod%2Flogs";
        AmqpEndpoint endpoint = AmqpEndpoint.fromUri(uri);
        ConnectionFactory client = new ConnectionFactory();
        client.setUri(uri);
        ConnectionFactory ours = endpoint.connectionFactory();

        assertThat(ours.getHost()).isEqualTo(client.getHost()).isEqualTo("broker.example");
        assertThat(ours.getPort()).isEqualTo(client.getPort()).isEqualTo(5673);
        assertThat(ours.getUsername()).isEqualTo(client.getUsername()).isEqualTo("shop user");
        assertThat(ours.getPassword()).isEqualTo(client.getPassword()).isEqualTo("p@ss+w");
        assertThat(ours.getVirtualHost()).isEqualTo(client.getVirtualHost()).isEqualTo("prod/logs");
        assertThat(ours.isSSL()).isTrue();
        assertThat(AmqpEndpoint.fromUri(endpoint.uri())).isEqualTo(endpoint);
        assertThat(endpoint.toString()).doesNotContain("p@ss");
    }

    @Test
    void fromUriDefaultsAsTheRabbitMqUriSpec() {
        AmqpEndpoint endpoint = AmqpEndpoint.fromUri("amqp://localhost");
        assertThat(endpoint.uri()).isEqualTo("amqp://guest:guest@localhost:5672");
        assertThat(endpoint.connectionFactory().isSSL()).isFalse();
        assertThat(AmqpEndpoint.fromUri("amqps://h").port()).isEqualTo(5671);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AmqpEndpoint.fromUri("http://h"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amqp://");
    }
}
