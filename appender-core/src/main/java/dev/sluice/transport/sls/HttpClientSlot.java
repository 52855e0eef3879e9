package dev.sluice.transport.sls;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.io.CloseMode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The HTTP client the I/O threads share, and its replacement after an {@link Error} inside httpclient5.
 * httpclient5 releases a leased connection only on exceptions: after an Error the connection stays leased
 * forever, and a few of them exhaust the pool. The first thread to hit an Error on the current client swaps
 * in a new one (others that hit one on the same client do not swap again); the old client is closed when the
 * last request still using it has ended, so that an Error on one thread does not cut the others' requests.
 */
final class HttpClientSlot {
    /** A client with its connection pool, and how many requests use it now. */
    static final class Lease {
        final CloseableHttpClient client;
        final PoolingHttpClientConnectionManager connections;
        /** Guarded by the slot. */
        private int users;

        Lease(CloseableHttpClient client, PoolingHttpClientConnectionManager connections) {
            this.client = client;
            this.connections = connections;
        }

        void close() {
            try {
                client.close(CloseMode.IMMEDIATE);
                connections.close(CloseMode.IMMEDIATE);
            } catch (RuntimeException | Error ignored) {
                // Being discarded; nothing depends on it any more.
            }
        }
    }

    private final Supplier<Lease> factory;
    /** Guarded by this. */
    private Lease current;
    /** Replaced clients still used by a request; guarded by this. */
    private final Set<Lease> retired = new LinkedHashSet<>();
    /** Guarded by this. */
    private boolean closed;

    /** Builds the first client (no I/O). */
    HttpClientSlot(Supplier<Lease> factory) {
        this.factory = factory;
        this.current = factory.get();
    }

    /** The current client, for one request; {@link #release} it after. After {@link #close()} a closed one (requests fail). */
    synchronized Lease lease() {
        current.users++;
        return current;
    }

    void release(Lease lease) {
        boolean close;
        synchronized (this) {
            lease.users--;
            close = lease.users == 0 && retired.remove(lease);
        }
        if (close) {
            lease.close();
        }
    }

    /**
     * Replaces {@code failed} (leased by the caller) with a new client, unless another thread already did.
     *
     * @return whether this call replaced it
     */
    synchronized boolean replace(Lease failed) {
        if (failed != current || closed) {
            return false;
        }
        retired.add(failed); // closed by its last release, at the latest the caller's
        current = factory.get();
        return true;
    }

    /** Closes every client at once: requests still running fail. The slot is not used for new requests after. */
    void close() {
        List<Lease> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(retired);
            retired.clear();
            all.add(current);
        }
        for (Lease l : all) {
            l.close();
        }
    }
}
