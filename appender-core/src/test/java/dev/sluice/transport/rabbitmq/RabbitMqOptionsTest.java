package dev.sluice.transport.rabbitmq;

import com.rabbitmq.client.Address;
import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RabbitMqOptionsTest {
    private static final String SECRET = "s3cr3t-P@ss";

    private OptionReader reader;

    private RabbitMqOptions read(String... nameValue) {
        Options o = new Options();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            o.set(nameValue[i], nameValue[i + 1]);
        }
        reader = new OptionReader(o);
        return RabbitMqOptions.read(reader, "main", "sluice");
    }

    private static List<String> hostPorts(RabbitMqOptions o) {
        return o.addresses().stream().map(a -> a.getHost() + ":" + a.getPort()).collect(Collectors.toList());
    }

    @Test
    void anExchangeOrAppIdOverAmqpsShortStringLimitIsAConfigurationError() {
        read("uri", "amqp://h", "exchange", "é".repeat(128), "appId", "a".repeat(256));
        assertThat(reader.errors()).hasSize(2);
        assertThat(reader.errors()).anySatisfy(e -> assertThat(e).contains("'exchange'").contains("256 bytes"));
        assertThat(reader.errors()).anySatisfy(e -> assertThat(e).contains("'appId'").contains("256 bytes"));

        read("uri", "amqp://h", "exchange", "e".repeat(255), "appId", "a".repeat(255));
        assertThat(reader.errors()).isEmpty();
    }

    @Test
    void fullUriGivesUserPasswordHostPortAndVirtualHost() {
        RabbitMqOptions o = read("uri", "amqp://u:p@h:5673/v");
        assertThat(reader.errors()).isEmpty();
        assertThat(reader.warnings()).isEmpty();
        assertThat(o.username()).isEqualTo("u");
        assertThat(o.password()).isEqualTo("p");
        assertThat(hostPorts(o)).containsExactly("h:5673");
        assertThat(o.virtualHost()).isEqualTo("v");
        assertThat(o.tls()).isFalse();
    }

    @Test
    void uriWithoutPathUsesTheDefaultVirtualHostAndPort() {
        RabbitMqOptions o = read("uri", "amqp://h");
        assertThat(reader.errors()).isEmpty();
        assertThat(o.virtualHost()).isEqualTo("/");
        assertThat(hostPorts(o)).containsExactly("h:5672");
        assertThat(o.username()).isEqualTo("guest");
    }

    @Test
    void uriWithALoneSlashMeansTheEmptyVirtualHostAndWarns() {
        RabbitMqOptions o = read("uri", "amqp://h/");
        assertThat(reader.errors()).isEmpty();
        assertThat(o.virtualHost()).isEmpty();
        assertThat(reader.warnings()).singleElement().asString()
                .contains("'uri'").contains("EMPTY virtual host").contains("%2F");
    }

    @Test
    void encodedSlashIsTheDefaultVirtualHost() {
        RabbitMqOptions o = read("uri", "amqp://h/%2F");
        assertThat(reader.errors()).isEmpty();
        assertThat(reader.warnings()).isEmpty();
        assertThat(o.virtualHost()).isEqualTo("/");
    }

    @Test
    void amqpsDefaultsToPort5671AndTls() {
        RabbitMqOptions o = read("uri", "amqps://broker.example.com/prod");
        assertThat(reader.errors()).isEmpty();
        assertThat(o.tls()).isTrue();
        assertThat(hostPorts(o)).containsExactly("broker.example.com:5671");
        assertThat(o.virtualHost()).isEqualTo("prod");
        assertThat(o.describe()).startsWith("amqps://");
    }

    @Test
    void percentEncodedCredentialsAreDecodedAndPlusIsKept() {
        RabbitMqOptions o = read("uri", "amqp://us%40er:p%3Aw+d@h/v");
        assertThat(reader.errors()).isEmpty();
        assertThat(o.username()).isEqualTo("us@er");
        assertThat(o.password()).isEqualTo("p:w+d");
    }

    @Test
    void badSchemeIsAnErrorNamingUri() {
        read("uri", "http://h:5672/v");
        assertThat(reader.errors()).anyMatch(e -> e.contains("'uri'") && e.contains("amqp or amqps") && e.contains("'http'"));
    }

    @Test
    void uriWithoutHostIsAnError() {
        read("uri", "amqp:///v");
        assertThat(reader.errors()).anyMatch(e -> e.contains("'uri'") && e.contains("no host"));
    }

    @Test
    void multiSegmentPathIsAnError() {
        read("uri", "amqp://h/a/b");
        assertThat(reader.errors()).anyMatch(e -> e.contains("'uri'") && e.contains("%2F"));
    }

    @Test
    void malformedUriErrorDoesNotEchoTheUri() {
        read("uri", "amqp://u:" + SECRET + "@h:56 72/v");
        assertThat(reader.errors()).anyMatch(e -> e.contains("'uri'") && e.contains("not a valid URI"));
        assertThat(reader.errors()).noneMatch(e -> e.contains(SECRET));
    }

    @Test
    void missingUriAndAddressesIsAnErrorNamingUri() {
        read("exchange", "logs");
        assertThat(reader.errors()).anyMatch(e -> e.startsWith("option 'uri':") && e.contains("addresses"));
    }

    @Test
    void uriAndAddressesTogetherIsAnError() {
        read("uri", "amqp://h", "addresses", "a:5672");
        assertThat(reader.errors()).anyMatch(e -> e.contains("'addresses'") && e.contains("not both"));
    }

    @Test
    void addressesListWithDefaultPortAndSeparateCredentials() {
        RabbitMqOptions o = read("addresses", "rabbit-1:5673, rabbit-2 ,rabbit-3:5674",
                "username", "app", "password", SECRET, "virtualHost", "logs-vh");
        assertThat(reader.errors()).isEmpty();
        assertThat(hostPorts(o)).containsExactly("rabbit-1:5673", "rabbit-2:5672", "rabbit-3:5674");
        assertThat(o.username()).isEqualTo("app");
        assertThat(o.password()).isEqualTo(SECRET);
        assertThat(o.virtualHost()).isEqualTo("logs-vh");
        assertThat(o.tls()).isFalse();
    }

    @Test
    void addressesWithTlsOption() {
        RabbitMqOptions o = read("addresses", "h:5671", "tls", "true");
        assertThat(reader.errors()).isEmpty();
        assertThat(o.tls()).isTrue();
        assertThat(o.addresses()).extracting(Address::getPort).containsExactly(5671);
    }

    @Test
    void describeAndToStringNeverContainThePassword() {
        RabbitMqOptions fromUri = read("uri", "amqp://app:" + SECRET.replace("@", "%40") + "@h:5672/v");
        assertThat(reader.errors()).isEmpty();
        assertThat(fromUri.password()).isEqualTo(SECRET);
        assertThat(fromUri.describe()).doesNotContain(SECRET).doesNotContain("s3cr3t").contains("app").contains("h:5672");
        assertThat(fromUri.toString()).doesNotContain(SECRET).doesNotContain("s3cr3t");

        RabbitMqOptions fromAddresses = read("addresses", "h", "password", SECRET);
        assertThat(fromAddresses.describe()).doesNotContain("s3cr3t");
        assertThat(fromAddresses.toString()).doesNotContain("s3cr3t");
        assertThat(reader.errors()).allMatch(e -> !e.contains("s3cr3t"));
    }

    @Test
    void credentialsPastedIntoAddressesAreRefusedWithoutEchoingThem() {
        for (String pasted : new String[] {"guest:S3cret@rabbit1:5672", "amqp://guest:S3cret@rabbit1:5672/v",
                "rabbit0:5672,guest:S3cret@rabbit1"}) {
            RabbitMqOptions o = read("addresses", pasted);
            assertThat(reader.errors()).as(pasted).anyMatch(e -> e.contains("'addresses'") && e.contains("credentials"));
            assertThat(String.join("\n", reader.errors()) + String.join("\n", reader.warnings()) + o + o.describe())
                    .as(pasted).doesNotContain("S3cret");
            assertThat(hostPorts(o)).as("never handed to amqp-client as a host name").noneMatch(h -> h.contains("S3cret"));
        }
    }

    @Test
    void defaultsMatchTheDesign() {
        RabbitMqOptions o = read("uri", "amqp://h");
        assertThat(o.exchange()).isEqualTo("logs");
        assertThat(o.exchangeType()).isEqualTo("topic");
        assertThat(o.declareExchange()).isTrue();
        assertThat(o.durable()).isTrue();
        assertThat(o.persistent()).isTrue();
        assertThat(o.publisherConfirms()).isTrue();
        assertThat(o.format()).isEqualTo(RabbitMqOptions.Format.JSON);
        assertThat(o.connectionName()).isEqualTo("sluice:main");
        assertThat(o.appId()).isEqualTo("sluice");
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void declaringTheDefaultExchangeIsAnError() {
        read("uri", "amqp://h", "exchange", " ");
        assertThat(reader.errors()).anyMatch(e -> e.contains("'declareExchange'"));
        read("uri", "amqp://h", "exchange", "", "declareExchange", "false");
        assertThat(reader.errors()).isEmpty();
    }

    @Test
    void unclosedRoutingKeyPlaceholderIsAnError() {
        read("uri", "amqp://h", "routingKey", "{application.{level");
        assertThat(reader.errors()).anyMatch(e -> e.contains("'routingKey'") && e.contains("unclosed"));
    }

    @Test
    void badFormatListsTheAllowedValues() {
        read("uri", "amqp://h", "format", "xml");
        assertThat(reader.errors()).anyMatch(e -> e.contains("'format'") && e.contains("json-lines") && e.contains("json"));
    }
}
