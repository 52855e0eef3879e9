package dev.sluice.transport.sls;

import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connections whose traffic httpclient5 does not log. Its {@code org.apache.hc.client5.http.headers}
 * and {@code .wire} loggers (DEBUG) print every request header and byte, the
 * {@code x-acs-security-token} included; both are written only by the connection
 * (httpclient5 5.6: {@link DefaultManagedHttpClientConnection}), so ours skips them. Everything
 * else httpclient5 logs (request lines, pool and route events) carries no secret.
 */
final class QuietConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {
    private static final AtomicLong COUNTER = new AtomicLong();

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        QuietConnection connection = new QuietConnection("sluice-http-" + COUNTER.incrementAndGet());
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    private static final class QuietConnection extends DefaultManagedHttpClientConnection {
        QuietConnection(String id) {
            super(id);
        }

        /** Binds without the wire-logging socket wrapper the superclass adds when its wire logger is on. */
        @Override
        public void bind(Socket socket) throws IOException {
            bind(new SocketHolder(socket));
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            bind(new SocketHolder(sslSocket, socket));
        }

        /** The superclass only logs the headers here. */
        @Override
        protected void onRequestSubmitted(ClassicHttpRequest request) {
        }

        @Override
        protected void onResponseReceived(ClassicHttpResponse response) {
        }
    }
}
