package dev.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small TCP proxy for fault injection in tests: it listens on 127.0.0.1 (an ephemeral port) and forwards every
 * connection to a target host and port, byte for byte, until told to misbehave.
 *
 * <ul>
 *   <li>{@link #pauseUpstream()} / {@link #pauseDownstream()} stop forwarding in one direction (client to target,
 *       target to client) while keeping every connection open; the bytes wait, in the proxy and in the kernel's
 *       socket buffers, until {@link #resume()}. Pausing downstream makes an AMQP client's publisher confirms
 *       (and every other reply) time out while its publishes still reach the broker.</li>
 *   <li>{@link #dropConnections()} resets all current connections (both sides, RST rather than FIN), as a network
 *       failure would: an AMQP client with automatic recovery then reconnects, through the proxy.</li>
 *   <li>{@link #refuseNew(boolean)} makes the proxy reset new connections as soon as it accepts them.</li>
 * </ul>
 *
 * Pauses and refusal apply to the whole proxy: to current and to future connections. A pause takes effect for
 * every write not yet begun when the pause method returns; a chunk whose write was already under way completes.
 *
 * <p>Resources are bounded: at most {@code maxConnections} connections at a time (more are reset at once), two
 * daemon threads and two {@value #BUFFER_SIZE}-byte buffers per connection, one accepting thread.
 * {@link #close()} stops listening, resets every connection and waits (briefly) for the threads to end.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start("127.0.0.1", 5672)) {
 *     String uri = "amqp://guest:guest@127.0.0.1:" + proxy.port();
 *     // ... connect the code under test to uri ...
 *     proxy.dropConnections();
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

    /** Connections allowed at once by {@link #start(String, int)}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    static final int BUFFER_SIZE = 16 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final long CLOSE_JOIN_MILLIS = 2_000;

    private final String targetHost;
    private final int targetPort;
    private final int maxConnections;
    private final ServerSocket server;
    private final String threadPrefix;
    private final Gate upstream = new Gate();
    private final Gate downstream = new Gate();
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Object linkChange = new Object();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger linkIds = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean refusing;
    private volatile boolean closed;

    private FaultProxy(String targetHost, int targetPort, int maxConnections, ServerSocket server) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.maxConnections = maxConnections;
        this.server = server;
        this.threadPrefix = "sluice-fault-proxy-" + server.getLocalPort();
    }

    /** Starts a proxy on 127.0.0.1 (ephemeral port) forwarding to {@code targetHost:targetPort}. */
    public static FaultProxy start(String targetHost, int targetPort) {
        return start(targetHost, targetPort, DEFAULT_MAX_CONNECTIONS);
    }

    /** As {@link #start(String, int)}, resetting connections beyond {@code maxConnections} open at once. */
    public static FaultProxy start(String targetHost, int targetPort, int maxConnections) {
        Objects.requireNonNull(targetHost, "targetHost");
        if (targetPort < 1 || targetPort > 65535) {
            throw new IllegalArgumentException("targetPort out of range: " + targetPort);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
        ServerSocket server;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the fault proxy's listening socket", e);
        }
        FaultProxy proxy = new FaultProxy(targetHost, targetPort, maxConnections, server);
        proxy.spawn(proxy.threadPrefix + "-accept", proxy::acceptLoop);
        return proxy;
    }

    /** The port the proxy listens on, on 127.0.0.1. */
    public int port() {
        return server.getLocalPort();
    }

    /** {@code 127.0.0.1}. */
    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    /** Stops forwarding client-to-target bytes (connections stay open) until {@link #resume()}. */
    public void pauseUpstream() {
        upstream.pause();
    }

    /** Stops forwarding target-to-client bytes (connections stay open) until {@link #resume()}. */
    public void pauseDownstream() {
        downstream.pause();
    }

    /** Forwards in both directions again, starting with the bytes held back. */
    public void resume() {
        upstream.open();
        downstream.open();
    }

    /**
     * Resets every current connection on both sides (SO_LINGER 0, so the peers see a reset, as after a network
     * failure). New connections are accepted as before unless {@link #refuseNew(boolean)} says otherwise. When this
     * returns, {@link #connectionCount()} no longer counts the dropped connections.
     */
    public void dropConnections() {
        for (Link link : new ArrayList<>(links)) {
            link.abort();
        }
    }

    /** {@code true}: reset each new connection as soon as it is accepted; {@code false}: forward again. */
    public void refuseNew(boolean refuse) {
        this.refusing = refuse;
    }

    /** Connections currently open through the proxy. */
    public int connectionCount() {
        return links.size();
    }

    /**
     * Waits until exactly {@code count} connections are open through the proxy, e.g. until the code under test
     * has connected before {@link #dropConnections()}, or until it has reconnected afterwards.
     *
     * @throws AssertionError with the count reached if {@code timeout} passes first
     */
    public void awaitConnectionCount(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (linkChange) {
            while (links.size() != count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " connection(s) through " + this + " within "
                            + timeout + " but there are " + links.size());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(linkChange, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for connections", e);
                }
            }
        }
    }

    /** Connections forwarded since start (refused ones are not counted). */
    public int acceptedCount() {
        return accepted.get();
    }

    /** Stops listening, resets every connection and waits up to two seconds for the proxy's threads to end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(server);
        dropConnections();
        upstream.open();
        downstream.open();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_JOIN_MILLIS);
        for (Thread t : new ArrayList<>(threads)) {
            if (t == Thread.currentThread()) {
                continue;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            try {
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    @Override
    public String toString() {
        return "FaultProxy{127.0.0.1:" + port() + " -> " + targetHost + ":" + targetPort
                + ", connections=" + connectionCount()
                + (upstream.isPaused() ? ", upstream paused" : "")
                + (downstream.isPaused() ? ", downstream paused" : "")
                + (refusing ? ", refusing new" : "")
                + (closed ? ", closed" : "") + "}";
    }

    // ---- internals ---------------------------------------------------------------------------

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // e.g. the client went away during the handshake
            }
            if (closed || refusing || links.size() >= maxConnections) {
                reset(client);
                continue;
            }
            Link link = new Link(linkIds.incrementAndGet(), client);
            links.add(link);
            linksChanged();
            if (closed) {
                link.abort();
                return;
            }
            accepted.incrementAndGet();
            spawn(threadPrefix + "-" + link.id + "-up", link::connectAndPumpUpstream);
        }
    }

    private void linksChanged() {
        synchronized (linkChange) {
            linkChange.notifyAll();
        }
    }

    private void spawn(String name, Runnable task) {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** One proxied connection: the client's socket and ours to the target. */
    private final class Link {
        final int id;
        final Socket client;
        private Socket target; // guarded by this
        private boolean aborted; // guarded by this
        private int directionsDone; // guarded by this

        Link(int id, Socket client) {
            this.id = id;
            this.client = client;
        }

        void connectAndPumpUpstream() {
            Socket t = new Socket();
            try {
                t.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                t.connect(new InetSocketAddress(targetHost, targetPort), CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                reset(t);
                abort();
                return;
            }
            synchronized (this) {
                if (aborted) {
                    reset(t);
                    return;
                }
                target = t;
            }
            spawn(threadPrefix + "-" + id + "-down", () -> pump(t, client, downstream));
            pump(client, t, upstream);
        }

        /** Copies {@code from} to {@code to} through {@code gate}; on end of stream passes the FIN on. */
        private void pump(Socket from, Socket to, Gate gate) {
            byte[] buffer = new byte[BUFFER_SIZE];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (;;) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    if (!gate.awaitOpen(this)) {
                        abort();
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
                finishDirection();
            } catch (IOException e) {
                abort();
            }
        }

        private void finishDirection() {
            boolean both;
            synchronized (this) {
                both = ++directionsDone == 2;
            }
            if (both) {
                closeGracefully();
            }
        }

        synchronized boolean isAborted() {
            return aborted;
        }

        private void closeGracefully() {
            Socket t;
            synchronized (this) {
                if (aborted) {
                    return;
                }
                aborted = true;
                t = target;
            }
            links.remove(this);
            linksChanged();
            closeQuietly(client);
            if (t != null) {
                closeQuietly(t);
            }
        }

        void abort() {
            Socket t;
            synchronized (this) {
                if (aborted) {
                    return;
                }
                aborted = true;
                t = target;
            }
            links.remove(this);
            linksChanged();
            reset(client);
            if (t != null) {
                reset(t);
            }
            upstream.wake();
            downstream.wake();
        }
    }

    /** Whether one direction forwards; pump threads wait here while it is paused. */
    private static final class Gate {
        private boolean paused; // guarded by this

        synchronized void pause() {
            paused = true;
        }

        synchronized void open() {
            paused = false;
            notifyAll();
        }

        synchronized void wake() {
            notifyAll();
        }

        synchronized boolean isPaused() {
            return paused;
        }

        /** Waits while paused; false when the link was aborted (or the thread interrupted) meanwhile. */
        synchronized boolean awaitOpen(Link link) {
            while (paused && !link.isAborted()) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !link.isAborted();
        }
    }

    /** Closes with SO_LINGER 0: the peer sees a connection reset rather than an orderly end of stream. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // Already closed or never connected: closing is all that is left.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Closing during teardown; nothing useful to do with the failure.
        }
    }

    /** Names of live threads of this proxy, for tests that check {@link #close()} leaves nothing behind. */
    List<String> liveThreadNames() {
        List<String> names = new ArrayList<>();
        for (Thread t : threads) {
            if (t.isAlive()) {
                names.add(t.getName());
            }
        }
        return names;
    }
}
