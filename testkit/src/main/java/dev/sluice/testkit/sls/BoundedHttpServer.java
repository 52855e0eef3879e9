package dev.sluice.testkit.sls;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small blocking HTTP/1.1 server (keep-alive, Content-Length bodies only) that bounds what clients can cost:
 * at most {@code maxConnections} connections (one thread each; more wait in the kernel's backlog), a head size and
 * header count limit, a deadline for receiving each request and for idling between requests.
 *
 * <p>Why not {@code com.sun.net.httpserver}: its limits ({@code sun.net.httpserver.maxReqHeaders},
 * {@code maxReqHeaderSize} - missing in older 11/17 updates -, {@code maxReqTime} in whole seconds, {@code idleInterval})
 * are JVM-wide system properties read once, so neither one receiver nor one test can have its own; it reads the body
 * on the handler's terms but dispatches a connection to the executor per request without any bound of its own.
 */
final class BoundedHttpServer implements AutoCloseable {

    interface Handler {
        /** Answers one request; may leave the body unread (the connection is then closed after the answer). */
        HttpReply handle(HttpHead head, RequestBody body) throws IOException;
    }

    private static final java.time.Duration LINGER = java.time.Duration.ofMillis(500);
    private static final long LINGER_BYTES = 1024 * 1024;

    private final ServerSocket listener;
    private final HttpLimits limits;
    private final Handler handler;
    private final Semaphore connections;
    private final ExecutorService workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private BoundedHttpServer(ServerSocket listener, HttpLimits limits, Handler handler, String threadPrefix) {
        this.listener = listener;
        this.limits = limits;
        this.handler = handler;
        this.connections = new Semaphore(limits.maxConnections);
        AtomicInteger threads = new AtomicInteger();
        // The semaphore bounds queued + running tasks; the queue only absorbs a thread that is still finishing.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(limits.maxConnections, limits.maxConnections, 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, threadPrefix + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.workers = pool;
        this.acceptor = new Thread(this::acceptLoop, threadPrefix + "acceptor");
        acceptor.setDaemon(true);
    }

    static BoundedHttpServer start(InetAddress address, int port, HttpLimits limits, Handler handler,
            String threadPrefix) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(address, port), 50);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        // The port in the thread names tells apart the threads of receivers running in one JVM.
        BoundedHttpServer server = new BoundedHttpServer(listener, limits, handler,
                threadPrefix + listener.getLocalPort() + "-");
        server.acceptor.start();
        return server;
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                // A connection is accepted only when it can have a thread: the others wait in the backlog.
                connections.acquire();
            } catch (InterruptedException e) {
                return;
            }
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                connections.release();
                if (closed) {
                    return;
                }
                continue;
            }
            open.add(socket);
            try {
                workers.execute(() -> serve(socket));
            } catch (RuntimeException rejected) { // only when closing
                forget(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            DeadlineInputStream deadline = new DeadlineInputStream(socket);
            InputStream in = new BufferedInputStream(deadline, 8192);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            boolean keepAlive = true;
            while (keepAlive && !closed) {
                deadline.expireAfter(limits.idleTimeout);
                int first;
                try {
                    first = in.read();
                } catch (SocketTimeoutException idle) {
                    return; // an idle keep-alive connection is closed without an answer
                }
                if (first < 0) {
                    return;
                }
                deadline.expireAfter(limits.readTimeout);
                try {
                    keepAlive = exchange(first, in, out);
                } catch (SocketTimeoutException slow) {
                    write(out, error(408, "RequestTimeout", "request not received within the read timeout"), false);
                    keepAlive = false;
                }
            }
            lingeringClose(socket, deadline, in);
        } catch (IOException | RuntimeException gone) {
            // The client went away, or the server is closing: nothing to answer.
        } finally {
            forget(socket);
        }
    }

    /**
     * Closing a socket with unread input makes the kernel send a reset, which can destroy the answer just sent
     * (e.g. 401 to a client still sending its body): so stop writing, then discard a bounded amount of input for a
     * bounded time before closing.
     */
    private void lingeringClose(Socket socket, DeadlineInputStream deadline, InputStream in) throws IOException {
        if (closed) {
            return;
        }
        socket.shutdownOutput();
        deadline.expireAfter(LINGER);
        byte[] discard = new byte[8192];
        long left = LINGER_BYTES;
        try {
            for (int n; left > 0 && (n = in.read(discard)) >= 0; ) {
                left -= n;
            }
        } catch (SocketTimeoutException enough) {
            // the client is still sending: close anyway
        }
    }

    /** @return whether the connection can carry another request */
    private boolean exchange(int first, InputStream in, OutputStream out) throws IOException {
        HttpHead head;
        try {
            head = HeadReader.read(first, in, limits);
        } catch (SlsError problem) {
            write(out, error(problem.status(), problem.code(), problem.getMessage()), false);
            return false;
        }
        RequestBody body = new RequestBody(in, out, head);
        HttpReply reply = handler.handle(head, body);
        if (reply.dropped()) {
            return false;
        }
        boolean keepAlive = head.keepAlive() && body.consumed() && !closed;
        write(out, reply, keepAlive);
        return keepAlive;
    }

    static HttpReply error(int status, String code, String message) {
        String json = "{\"errorCode\":\"" + code + "\",\"errorMessage\":\"" + message + "\"}";
        return new HttpReply(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static void write(OutputStream out, HttpReply reply, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder(128).append("HTTP/1.1 ").append(reply.status).append(' ')
                .append(HttpReply.reason(reply.status)).append("\r\n");
        reply.headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (reply.contentType != null) {
            head.append("Content-Type: ").append(reply.contentType).append("\r\n");
        }
        head.append("Content-Length: ").append(reply.body.length).append("\r\n");
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(reply.body);
        out.flush();
    }

    private void forget(Socket socket) {
        if (open.remove(socket)) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
            connections.release();
        }
    }

    /** Stops at once: the listener and every open connection are closed, handlers are interrupted. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        acceptor.interrupt();
        for (Socket socket : open) {
            forget(socket);
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
