package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedAmqpBrokerTlsTest {

    private static final String PASSWORD = "test-store-pass";

    @TempDir
    static Path dir;

    private static SelfSignedKeyStores tls;
    private static EmbeddedAmqpBroker broker;

    @BeforeAll
    static void start() {
        tls = SelfSignedKeyStores.generate(dir, PASSWORD, "dns:localhost", "ip:127.0.0.1");
        broker = EmbeddedAmqpBroker.startTls(tls.keyStore(), tls.password());
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void generatesAKeyStoreAndATrustStoreHoldingOnlyTheCertificate() throws Exception {
        KeyStore keys = load(tls.keyStore());
        KeyStore trust = load(tls.trustStore());
        assertThat(keys.isKeyEntry(SelfSignedKeyStores.ALIAS)).isTrue();
        assertThat(trust.size()).isEqualTo(1);
        assertThat(trust.isCertificateEntry(SelfSignedKeyStores.ALIAS)).isTrue();
        X509Certificate cert = (X509Certificate) trust.getCertificate(SelfSignedKeyStores.ALIAS);
        assertThat(cert.getSubjectAlternativeNames()).extracting(san -> String.valueOf(san.get(1)))
                .containsExactlyInAnyOrder("localhost", "127.0.0.1");
    }

    @Test
    void tlsPortAcceptsClientsThatTrustTheCertificateAndVerifyTheHostName() throws Exception {
        assertThat(broker.tlsPort()).isPositive().isNotEqualTo(broker.port());
        assertThat(broker.tlsUri("localhost")).isEqualTo("amqps://guest:guest@localhost:" + broker.tlsPort());
        ConnectionFactory factory = tlsFactory("localhost");
        factory.useSslProtocol(trustingContext());
        factory.enableHostnameVerification();
        try (Connection connection = factory.newConnection()) {
            assertThat(connection.createChannel().isOpen()).isTrue();
        }
    }

    @Test
    void tlsPortRefusesClientsThatDoNotTrustTheCertificate() throws Exception {
        ConnectionFactory factory = tlsFactory("127.0.0.1");
        factory.useSslProtocol(SSLContext.getDefault());
        assertThatThrownBy(factory::newConnection).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainPortStillServesTheCollector() {
        try (AmqpCollector collector = AmqpCollector.bind(broker.endpoint(), "tls-broker-plain", "topic", true, "#")) {
            assertThat(collector.queue()).isNotBlank();
        }
    }

    @Test
    void rejectsMissingKeyStoreAndBadPasswords() {
        assertThatThrownBy(() -> EmbeddedAmqpBroker.startTls(dir.resolve("missing.p12"), PASSWORD))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SelfSignedKeyStores.generate(dir, "short", "dns:localhost"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SelfSignedKeyStores.generate(dir, PASSWORD))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ConnectionFactory tlsFactory(String host) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(broker.tlsPort());
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    private static SSLContext trustingContext() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(tls.trustStore()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path path) throws IOException, java.security.GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }
}
