package dev.sluice.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy against a tiny echo server. Waits are bounded by deadlines (blocking reads with SO_TIMEOUT, queue polls,
 * {@link FaultProxy#awaitConnectionCount}); "nothing arrives" is checked over a short window, the only way to check
 * an absence.
 */
class FaultProxyTest {

    private static final int DEADLINE_MS = 10_000;
    private static final int SILENCE_MS = 300;

    private EchoServer target;
    private FaultProxy proxy;
    private final List<Socket> clients = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        target = new EchoServer();
        proxy = FaultProxy.start("127.0.0.1", target.port());
    }

    @AfterEach
    void tearDown() throws IOException {
        for (Socket s : clients) {
            s.close();
        }
        proxy.close();
        target.close();
    }

    @Test
    void forwardsBothWaysOnLoopbackAndCountsConnections() throws Exception {
        assertThat(proxy.port()).isPositive().isNotEqualTo(target.port());
        assertThat(proxy.host()).isEqualTo("127.0.0.1");
        Socket a = connect();
        Socket b = connect();

        send(a, "ping-a");
        send(b, "ping-b");
        assertThat(receive(a, 6)).isEqualTo("ping-a");
        assertThat(receive(b, 6)).isEqualTo("ping-b");
        assertThat(target.received()).containsExactlyInAnyOrder("ping-a", "ping-b");
        assertThat(proxy.connectionCount()).isEqualTo(2);
        assertThat(proxy.acceptedCount()).isEqualTo(2);

        a.close();
        proxy.awaitConnectionCount(1, Duration.ofSeconds(10));
        send(b, "still");
        assertThat(receive(b, 5)).isEqualTo("still");
    }

    @Test
    void forwardsLargeTransfersIntact() throws Exception {
        Socket a = connect();
        byte[] payload = new byte[5 * FaultProxy.BUFFER_SIZE + 123];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        Thread writer = new Thread(() -> {
            try {
                a.getOutputStream().write(payload);
                a.getOutputStream().flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        byte[] echoed = readFully(a, payload.length);
        writer.join(DEADLINE_MS);
        assertThat(echoed).isEqualTo(payload);
    }

    @Test
    void pauseUpstreamHoldsClientBytesWhileTheConnectionStaysOpen() throws Exception {
        Socket a = connect();
        proxy.awaitConnectionCount(1, Duration.ofSeconds(10));
        proxy.pauseUpstream();

        send(a, "held");
        assertSilent(a);
        assertThat(target.received()).isEmpty();
        assertThat(proxy.connectionCount()).isEqualTo(1);

        proxy.resume();
        assertThat(receive(a, 4)).isEqualTo("held");
        assertThat(target.received()).containsExactly("held");
    }

    @Test
    void pauseDownstreamLetsClientBytesThroughButHoldsTheReplies() throws Exception {
        Socket a = connect();
        proxy.pauseDownstream();

        send(a, "request");
        assertThat(target.nextReceived()).isEqualTo("request");
        assertSilent(a);

        proxy.resume();
        assertThat(receive(a, 7)).isEqualTo("request");
    }

    @Test
    void pausesApplyToConnectionsOpenedLater() throws Exception {
        proxy.pauseDownstream();
        Socket late = connect();
        send(late, "late");
        assertThat(target.nextReceived()).isEqualTo("late");
        assertSilent(late);
        proxy.resume();
        assertThat(receive(late, 4)).isEqualTo("late");
    }

    @Test
    void dropConnectionsResetsBothSidesAndNewConnectionsStillWork() throws Exception {
        Socket a = connect();
        send(a, "one");
        assertThat(receive(a, 3)).isEqualTo("one");
        assertThat(target.openConnections()).isEqualTo(1);

        proxy.dropConnections();

        assertThat(proxy.connectionCount()).isZero();
        assertEndedByProxy(a);
        target.awaitOpenConnections(0);

        Socket b = connect();
        send(b, "two");
        assertThat(receive(b, 3)).isEqualTo("two");
        assertThat(proxy.acceptedCount()).isEqualTo(2);
    }

    @Test
    void dropConnectionsAlsoEndsPausedConnections() throws Exception {
        Socket a = connect();
        proxy.pauseDownstream();
        send(a, "x");
        assertThat(target.nextReceived()).isEqualTo("x");

        proxy.dropConnections();

        assertEndedByProxy(a);
        assertThat(proxy.connectionCount()).isZero();
    }

    @Test
    void refuseNewResetsNewConnectionsButKeepsCurrentOnes() throws Exception {
        Socket existing = connect();
        send(existing, "a");
        assertThat(receive(existing, 1)).isEqualTo("a");

        proxy.refuseNew(true);
        assertResetOnConnect(proxy);
        assertThat(target.acceptedCount()).isEqualTo(1);
        send(existing, "b");
        assertThat(receive(existing, 1)).isEqualTo("b");

        proxy.refuseNew(false);
        Socket again = connect();
        send(again, "c");
        assertThat(receive(again, 1)).isEqualTo("c");
        assertThat(proxy.acceptedCount()).isEqualTo(2);
    }

    @Test
    void connectionsBeyondTheBoundAreReset() throws Exception {
        try (FaultProxy small = FaultProxy.start("127.0.0.1", target.port(), 1)) {
            Socket first = connect(small);
            send(first, "1");
            assertThat(receive(first, 1)).isEqualTo("1");

            assertResetOnConnect(small);
            assertThat(small.connectionCount()).isEqualTo(1);

            first.close();
            small.awaitConnectionCount(0, Duration.ofSeconds(10));
            Socket third = connect(small);
            send(third, "3");
            assertThat(receive(third, 1)).isEqualTo("3");
        }
    }

    @Test
    void aTargetThatIsDownResetsTheClient() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (FaultProxy toNowhere = FaultProxy.start("127.0.0.1", closedPort)) {
            assertResetOnConnect(toNowhere);
            toNowhere.awaitConnectionCount(0, Duration.ofSeconds(10));
        }
    }

    @Test
    void closeStopsListeningResetsConnectionsAndEndsEveryThread() throws Exception {
        Socket a = connect();
        send(a, "x");
        assertThat(receive(a, 1)).isEqualTo("x");
        proxy.pauseUpstream();
        int port = proxy.port();

        proxy.close();

        assertEndedByProxy(a);
        assertThat(proxy.liveThreadNames()).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(n -> n.startsWith("sluice-fault-proxy-" + port + "-"));
        try (Socket s = new Socket()) {
            assertThatThrownBy(() -> s.connect(new InetSocketAddress("127.0.0.1", port), DEADLINE_MS))
                    .isInstanceOf(ConnectException.class);
        }
        proxy.close(); // idempotent
        assertThat(proxy.toString()).contains("closed");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> FaultProxy.start("127.0.0.1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultProxy.start("127.0.0.1", 5672, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultProxy.start(null, 5672)).isInstanceOf(NullPointerException.class);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Socket connect() throws IOException {
        return connect(proxy);
    }

    private Socket connect(FaultProxy p) throws IOException {
        Socket s = new Socket();
        clients.add(s);
        s.connect(new InetSocketAddress("127.0.0.1", p.port()), DEADLINE_MS);
        s.setSoTimeout(DEADLINE_MS);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(UTF_8));
        out.flush();
    }

    private static String receive(Socket s, int length) throws IOException {
        return new String(readFully(s, length), UTF_8);
    }

    private static byte[] readFully(Socket s, int length) throws IOException {
        byte[] buffer = new byte[length];
        InputStream in = s.getInputStream();
        int off = 0;
        while (off < length) {
            int n = in.read(buffer, off, length - off);
            if (n < 0) {
                throw new IOException("end of stream after " + off + " of " + length + " bytes");
            }
            off += n;
        }
        return buffer;
    }

    /** Nothing arrives within the silence window; the socket stays usable afterwards. */
    private static void assertSilent(Socket s) throws IOException {
        s.setSoTimeout(SILENCE_MS);
        try {
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        } finally {
            s.setSoTimeout(DEADLINE_MS);
        }
    }

    /** A new connection to {@code p} is ended by the proxy, possibly before the client has finished setting it up. */
    private void assertResetOnConnect(FaultProxy p) {
        Socket s;
        try {
            s = connect(p);
        } catch (IOException reset) {
            return; // the reset came while connecting: the proxy refused, as expected
        }
        assertEndedByProxy(s);
    }

    /** The proxy ended the connection: a reset (or end of stream), never a read timeout. */
    private static void assertEndedByProxy(Socket s) {
        try {
            int n = s.getInputStream().read();
            assertThat(n).as("connection should have been ended by the proxy").isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after " + DEADLINE_MS + " ms", e);
        } catch (IOException expected) {
            // Connection reset: what the proxy does on purpose.
        }
    }

    /** Echoes every byte back and records what each read returned. */
    private static final class EchoServer implements AutoCloseable {
        private final ServerSocket server;
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final List<String> all = new CopyOnWriteArrayList<>();
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final Object change = new Object();
        private int accepted; // guarded by change

        EchoServer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(this::acceptLoop, "echo-accept");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException e) {
                    return;
                }
                open.add(s);
                synchronized (change) {
                    accepted++;
                    change.notifyAll();
                }
                Thread t = new Thread(() -> echo(s), "echo-" + s.getPort());
                t.setDaemon(true);
                t.start();
            }
        }

        private void echo(Socket s) {
            byte[] buffer = new byte[64 * 1024];
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    String text = new String(buffer, 0, n, UTF_8);
                    all.add(text);
                    received.add(text);
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // Reset by the proxy: expected in several tests.
            } finally {
                open.remove(s);
                synchronized (change) {
                    change.notifyAll();
                }
            }
        }

        /** Everything received so far (one entry per read). */
        List<String> received() {
            return new ArrayList<>(all);
        }

        String nextReceived() throws InterruptedException {
            String s = received.poll(DEADLINE_MS, TimeUnit.MILLISECONDS);
            if (s == null) {
                throw new AssertionError("target received nothing within " + DEADLINE_MS + " ms");
            }
            return s;
        }

        int openConnections() {
            return open.size();
        }

        int acceptedCount() {
            synchronized (change) {
                return accepted;
            }
        }

        void awaitOpenConnections(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
            synchronized (change) {
                while (open.size() != count) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("target still has " + open.size() + " connection(s)");
                    }
                    TimeUnit.NANOSECONDS.timedWait(change, left);
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
