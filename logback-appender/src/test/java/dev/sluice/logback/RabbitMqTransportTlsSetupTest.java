package dev.sluice.logback;

import com.rabbitmq.client.ConnectionFactory;
import dev.sluice.config.OptionReader;
import dev.sluice.config.Options;
import dev.sluice.runtime.StatusSink;
import dev.sluice.transport.TransportException;
import dev.sluice.transport.rabbitmq.RabbitMqOptions;
import dev.sluice.transport.rabbitmq.RabbitMqTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How {@link RabbitMqTransport} sets TLS up on its amqp-client {@link ConnectionFactory}, checked on the socket
 * configurator the factory applies to every new socket (read by reflection: the factory is private, and what it
 * does to a socket is otherwise only visible through a live TLS handshake). No broker needed: the transport connects
 * to a closed port, which is exactly the situation (broker down, retrying) where the set-up is repeated.
 */
class RabbitMqTransportTlsSetupTest {

    @TempDir
    Path dir;

    /**
     * Every connection attempt runs {@code useSslProtocol(..)} and {@code enableHostnameVerification()} again, and
     * amqp-client 5.x appends one more host-name-verification step to the socket configurator each time
     * ({@code socketConf = socketConf.andThen(..)}). While a broker is unreachable the chain grows by two steps per
     * attempt: every later attempt runs all of them (quadratic work), and after some thousands of attempts applying
     * the nested chain overflows the stack, so that every attempt fails with StackOverflowError from then on.
     */
    @Test
    void repeatedConnectionAttemptsDoNotGrowTheSocketConfiguratorChain() throws Exception {
        RabbitMqTransport transport = transport(true);
        try {
            for (int i = 0; i < 10; i++) {
                assertThatThrownBy(transport::connect).isInstanceOf(TransportException.class);
            }
            RecordingSslSocket socket = configureNewSocket(transport);
            assertThat(socket.parameterUpdates)
                    .as("SSL parameter updates applied to one new socket after 10 failed connection attempts")
                    .hasSizeLessThanOrEqualTo(2);
        } finally {
            transport.close();
        }
    }

    /** {@code verifyHostname=false} must leave the endpoint identification algorithm unset on the client's sockets. */
    @Test
    void verifyHostnameFalseLeavesHostNameVerificationOff() throws Exception {
        RabbitMqTransport transport = transport(false);
        try {
            assertThatThrownBy(transport::connect).isInstanceOf(TransportException.class);
            RecordingSslSocket socket = configureNewSocket(transport);
            assertThat(socket.parameters.getEndpointIdentificationAlgorithm())
                    .as("endpoint identification algorithm with verifyHostname=false")
                    .isNull();
        } finally {
            transport.close();
        }
    }

    /** With {@code verifyHostname=true} (the default) sockets verify the host name ("HTTPS" identification). */
    @Test
    void verifyHostnameTrueTurnsHostNameVerificationOn() throws Exception {
        RabbitMqTransport transport = transport(true);
        try {
            assertThatThrownBy(transport::connect).isInstanceOf(TransportException.class);
            RecordingSslSocket socket = configureNewSocket(transport);
            assertThat(socket.parameters.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        } finally {
            transport.close();
        }
    }

    private RabbitMqTransport transport(boolean verifyHostname) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Options options = new Options()
                .set("uri", "amqps://guest:guest@127.0.0.1:" + closedPort)
                .set("trustStore", emptyTrustStore().toString())
                .set("trustStorePassword", "changeit")
                .set("trustStoreType", "PKCS12")
                .set("verifyHostname", String.valueOf(verifyHostname))
                .set("connectTimeout", "1s");
        OptionReader reader = new OptionReader(options);
        RabbitMqOptions rabbit = RabbitMqOptions.read(reader, "tls-setup", "sluice");
        assertThat(reader.errors()).isEmpty();
        return new RabbitMqTransport(rabbit, "tls-setup", new IgnoringStatus());
    }

    private Path emptyTrustStore() throws Exception {
        Path file = dir.resolve("empty-trust.p12");
        if (!Files.exists(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, "changeit".toCharArray());
            try (OutputStream out = Files.newOutputStream(file)) {
                ks.store(out, "changeit".toCharArray());
            }
        }
        return file;
    }

    private static RecordingSslSocket configureNewSocket(RabbitMqTransport transport) throws Exception {
        try (RecordingSslSocket socket = new RecordingSslSocket()) {
            factoryOf(transport).getSocketConfigurator().configure(socket);
            return socket;
        }
    }

    private static ConnectionFactory factoryOf(RabbitMqTransport transport) throws ReflectiveOperationException {
        Field f = RabbitMqTransport.class.getDeclaredField("factory");
        f.setAccessible(true);
        return (ConnectionFactory) f.get(transport);
    }

    private static final class IgnoringStatus implements StatusSink {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message, Throwable cause) {
        }

        @Override
        public void error(String message, Throwable cause) {
        }
    }

    /** An unconnected SSL socket that records the SSL parameters set on it and does nothing else. */
    private static final class RecordingSslSocket extends SSLSocket {
        final List<SSLParameters> parameterUpdates = new ArrayList<>();
        SSLParameters parameters = new SSLParameters();

        @Override
        public SSLParameters getSSLParameters() {
            SSLParameters copy = new SSLParameters();
            copy.setEndpointIdentificationAlgorithm(parameters.getEndpointIdentificationAlgorithm());
            return copy;
        }

        @Override
        public void setSSLParameters(SSLParameters params) {
            parameterUpdates.add(params);
            parameters = params;
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return new String[0];
        }

        @Override
        public String[] getEnabledCipherSuites() {
            return new String[0];
        }

        @Override
        public void setEnabledCipherSuites(String[] suites) {
        }

        @Override
        public String[] getSupportedProtocols() {
            return new String[0];
        }

        @Override
        public String[] getEnabledProtocols() {
            return new String[0];
        }

        @Override
        public void setEnabledProtocols(String[] protocols) {
        }

        @Override
        public SSLSession getSession() {
            return null;
        }

        @Override
        public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        }

        @Override
        public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        }

        @Override
        public void startHandshake() throws IOException {
            throw new IOException("not connected");
        }

        @Override
        public void setUseClientMode(boolean mode) {
        }

        @Override
        public boolean getUseClientMode() {
            return true;
        }

        @Override
        public void setNeedClientAuth(boolean need) {
        }

        @Override
        public boolean getNeedClientAuth() {
            return false;
        }

        @Override
        public void setWantClientAuth(boolean want) {
        }

        @Override
        public boolean getWantClientAuth() {
            return false;
        }

        @Override
        public void setEnableSessionCreation(boolean flag) {
        }

        @Override
        public boolean getEnableSessionCreation() {
            return true;
        }
    }
}
