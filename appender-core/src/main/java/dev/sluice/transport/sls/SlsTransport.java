package dev.sluice.transport.sls;

import dev.sluice.config.Backend;
import dev.sluice.config.OptionCatalogue;
import dev.sluice.config.OptionReader;
import dev.sluice.encode.EncodedEvent;
import dev.sluice.encode.EventEncoder;
import dev.sluice.fields.FieldComposer;
import dev.sluice.fields.FieldOptions;
import dev.sluice.runtime.SluiceThread;
import dev.sluice.runtime.StatusSink;
import dev.sluice.transport.Batch;
import dev.sluice.transport.SendOutcome;
import dev.sluice.transport.Transport;
import dev.sluice.transport.TransportException;
import dev.sluice.transport.TransportFactory;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Sends batches to an SLS-compatible PutLogs API with httpclient5: one request per batch (split
 * when it exceeds the server's limits of 4096 logs or 10 MB), signed (v1), compressed.
 *
 * <p>Several batches are sent at once, each on an I/O thread of its own ({@link IoThreads}, started as
 * needed): the pipeline hands over at most {@code maxInFlight} batches, so that many requests are in flight
 * at most. The requests of one batch are sent one after the other, in order; batches complete in any order.
 * Everything a send needs that holds state (signer, compressor) belongs to its thread; what a batch has
 * reached is kept in the batch's own marks.
 *
 * <p>A request the server rejects as too large is split in halves and resent; a single log still
 * refused as too large (a proxy's body limit, say) is dropped alone and counted. A batch that fails
 * after some of its requests were accepted resumes where it stopped on retry (only its pending events
 * are sent), so nothing is sent twice. Retryable: I/O errors and timeouts, HTTP 5xx and 429, throttling
 * and quota codes, {@code RequestTimeExpired} (re-signed). Everything else fails the batch at once.
 */
public final class SlsTransport implements Transport {
    /**
     * Requests in flight at most, whatever the pipeline: the upper bound of {@code maxInFlight}. The option
     * sets the real number (the pipeline never hands over more batches), and threads and connections are
     * made only as sends need them.
     */
    static final int MAX_CONCURRENT_REQUESTS = (int) OptionCatalogue.MAX_IN_FLIGHT.max();
    private static final int MAX_ERROR_BODY = 16 * 1024;

    private final SlsOptions options;
    private final String appenderName;
    private final StatusSink status;
    private final String resource;
    private final LogGroupWriter groups;
    private final HttpClientSlot clients;
    private final IoThreads io;
    private final HttpHost target;
    private final int maxLogsPerRequest;
    private final int maxRequestBytes;
    private volatile String source;
    private final AtomicBoolean tooLargeReported = new AtomicBoolean();

    /**
     * The factory every adapter hands to {@code PipelineAssembly}. SLS batches default to the
     * server's 4096 logs per request (declared in the option catalogue): fewer, larger requests carry
     * more over a real network round trip.
     */
    public static TransportFactory factory(String appenderName, StatusSink status) {
        return new TransportFactory() {
            @Override
            public Transport create(OptionReader reader, FieldOptions fields) {
                return new SlsTransport(SlsOptions.read(reader), appenderName, status,
                        SlsOptions.MAX_LOGS_PER_REQUEST, SlsOptions.MAX_REQUEST_BYTES);
            }

            @Override
            public Backend backend() {
                return Backend.SLS;
            }
        };
    }

    /** Creates the transport; does no I/O and starts no thread. With configuration errors the instance is only closed. */
    SlsTransport(SlsOptions options, String appenderName, StatusSink status, int maxLogsPerRequest, int maxRequestBytes) {
        this(options, appenderName, status, maxLogsPerRequest, maxRequestBytes, UnaryOperator.identity());
    }

    /**
     * @param requestBodies wraps each request's body before httpclient5 writes it: the identity,
     *                      except in tests that make the client fail inside its request execution
     */
    SlsTransport(SlsOptions options, String appenderName, StatusSink status, int maxLogsPerRequest, int maxRequestBytes,
                 UnaryOperator<HttpEntity> requestBodies) {
        this.options = options;
        this.appenderName = appenderName;
        this.status = status;
        this.maxLogsPerRequest = maxLogsPerRequest;
        this.maxRequestBytes = maxRequestBytes;
        this.resource = "/logstores/" + options.logstore() + "/shards/lb";
        this.groups = new LogGroupWriter(options.topic(), options.tags());
        // Fails here, not on an I/O thread, when the JVM lacks HmacSHA1 or MD5.
        new RequestWriter(options, resource, requestBodies).close();
        SlsEndpoint endpoint = options.endpoint();
        this.target = endpoint == null ? null : new HttpHost(endpoint.scheme(), endpoint.connectHost(), endpoint.port());
        this.clients = new HttpClientSlot(this::buildClient);
        this.io = new IoThreads(SluiceThread.factory("sluice-" + appenderName + "-sls"),
                () -> new RequestWriter(options, resource, requestBodies));
    }

    /** A new pooled client (no I/O): the constructor's, and each replacement after an Error. */
    private HttpClientSlot.Lease buildClient() {
        Timeout connect = Timeout.ofMilliseconds(options.connectTimeout().toMillis());
        Timeout response = Timeout.ofMilliseconds(options.requestTimeout().toMillis());
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                // One connection per request in flight; opened only as requests need them.
                .setMaxConnTotal(MAX_CONCURRENT_REQUESTS)
                .setMaxConnPerRoute(MAX_CONCURRENT_REQUESTS)
                // httpclient5's header and wire loggers would print the security token.
                .setConnectionFactory(new QuietConnectionFactory())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(response)
                        // Servers close idle keep-alive connections; check before reuse instead of failing a request.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(response)
                        .build())
                .setUserAgent("sluice/0.1 (java " + System.getProperty("java.version") + ")")
                // The dispatcher retries with backoff and counts; the client must not retry or follow on its own.
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
        return new HttpClientSlot.Lease(client, connections);
    }

    @Override
    public EventEncoder encoder(FieldComposer composer) {
        return new SlsLogEncoder();
    }

    @Override
    public void connect() {
        // HTTP needs no session; resolve the default source here, on the sender thread, since it may query DNS.
        source();
        SlsEndpoint endpoint = options.endpoint();
        if (endpoint.scheme().equals("http") && !isLoopback(endpoint.connectHost())) {
            status.warn("Sluice appender '" + appenderName + "': sending logs to " + endpoint + " over plain http; they travel unencrypted"
                    + " (the secret itself is never sent, only signatures)", null);
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /** Hands the batch to an I/O thread, which sends its pending events and reports to {@code outcome}. */
    @Override
    public void send(Batch batch, SendOutcome outcome) {
        io.submit(new Send(batch, outcome));
    }

    @Override
    public int maxInFlight() {
        return MAX_CONCURRENT_REQUESTS;
    }

    /** I/O threads running now: for tests. */
    int ioThreads() {
        return io.threadCount();
    }

    /** One batch's send on an I/O thread. */
    private final class Send implements IoThreads.Job {
        private final Batch batch;
        private final SendOutcome outcome;
        private TransportException failure;

        Send(Batch batch, SendOutcome outcome) {
            this.batch = batch;
            this.outcome = outcome;
        }

        @Override
        public void run(RequestWriter writer) {
            try {
                sendPending(batch, writer);
            } catch (TransportException e) {
                failure = e;
            }
        }

        @Override
        public void crashed(Throwable unexpected) {
            // Like the pipeline's own guard: a full heap is usually transient; the batch is retried, never lost uncounted.
            failure = new TransportException("Unexpected error sending to " + describe() + ": " + unexpected, true,
                    unexpected);
        }

        @Override
        public void report() {
            if (failure == null) {
                outcome.completed(batch);
            } else {
                outcome.failed(batch, failure);
            }
        }

        @Override
        public void cancel() {
            outcome.failed(batch, new TransportException("SLS transport to " + describe() + " closed before sending",
                    true));
        }
    }

    /**
     * Sends the events of the batch still pending, in order, in as many requests as the server's limits need,
     * marking each delivered (or rejected) as its request is answered: a retry after a failure sends only what is
     * left, whichever thread runs it.
     */
    private void sendPending(Batch batch, RequestWriter writer) throws TransportException {
        List<EncodedEvent> all = batch.events();
        int[] index = new int[all.size()];
        int n = 0;
        for (int i = 0; i < all.size(); i++) {
            if (batch.isPending(i)) {
                index[n++] = i;
            }
        }
        List<EncodedEvent> events;
        if (n == all.size()) {
            events = all;
        } else {
            events = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                events.add(all.get(index[k]));
            }
        }
        Pending pending = new Pending(batch, events, index, writer);
        int from = 0;
        while (from < n) {
            int to = requestEnd(events, from);
            sendRange(pending, from, to);
            from = to;
        }
    }

    /** The pending events of a batch being sent ({@code events.get(k)} is the batch's event {@code index[k]}). */
    private static final class Pending {
        final Batch batch;
        final List<EncodedEvent> events;
        final int[] index;
        final RequestWriter writer;

        Pending(Batch batch, List<EncodedEvent> events, int[] index, RequestWriter writer) {
            this.batch = batch;
            this.events = events;
            this.index = index;
            this.writer = writer;
        }
    }

    /** The end of the next request starting at {@code from}, within the server's limits. */
    private int requestEnd(List<EncodedEvent> events, int from) {
        long bytes = groups.trailerSize(source());
        int to = from;
        while (to < events.size() && to - from < maxLogsPerRequest) {
            long next = bytes + LogGroupWriter.framedSize(events.get(to).body().length);
            if (next > maxRequestBytes && to > from) {
                break;
            }
            bytes = next;
            to++;
        }
        return to;
    }

    private void sendRange(Pending p, int from, int to) throws TransportException {
        byte[] raw = groups.write(p.events, from, to, source());
        byte[] body = p.writer.compress(raw);
        SlsError error = post(p.writer, raw.length, body);
        if (error != null && error.isClockSkew()) {
            // The request was signed with a Date the server finds too old or new: sign anew once.
            error = post(p.writer, raw.length, body);
        }
        if (error == null) {
            for (int k = from; k < to; k++) {
                p.batch.delivered(p.index[k]);
            }
            return;
        }
        if (error.isTooLarge() && to - from > 1) {
            int mid = (from + to) >>> 1;
            sendRange(p, from, mid);
            sendRange(p, mid, to);
            return;
        }
        if (error.isTooLarge()) {
            // One log alone is refused: no retry can deliver it, and it must not hold back the rest.
            p.batch.reject(p.index[from]);
            reportTooLarge(raw.length, body.length, error);
            return;
        }
        String hint = error.isClockSkew() ? "; check this machine's clock (SLS accepts 15 minutes of skew)"
                : error.describe().startsWith("HTTP 401") || error.describe().startsWith("HTTP 403")
                ? "; access key id " + options.accessKeyId() : "";
        throw new TransportException("SLS PutLogs of " + (to - from) + " log(s) to " + describe() + " failed: "
                + error.describe() + hint, error.isRetryable(), null);
    }

    private void reportTooLarge(int rawBytes, int bodyBytes, SlsError error) {
        if (tooLargeReported.compareAndSet(false, true)) {
            // Later ones are counted in the pipeline's throttled drop report.
            status.warn("Sluice appender '" + appenderName + "': dropped a log that " + describe()
                    + " refuses as too large even alone (" + rawBytes + " bytes, " + bodyBytes
                    + " compressed): " + error.describe() + "; the rest of its batch is sent", null);
        }
    }

    /** @return null on success, else the server's error */
    private SlsError post(RequestWriter writer, int rawSize, byte[] body) throws TransportException {
        HttpClientSlot.Lease lease = clients.lease();
        try {
            return lease.client.execute(target, writer.request(rawSize, body), response -> {
                int code = response.getCode();
                Header requestId = response.getFirstHeader("x-log-requestid");
                byte[] answer = readBounded(response.getEntity());
                return code / 100 == 2 ? null
                        : SlsError.parse(code, answer, requestId == null ? null : requestId.getValue());
            });
        } catch (IOException | RuntimeException e) {
            throw new TransportException("SLS PutLogs to " + describe() + " failed: " + e, true, e);
        } catch (Error e) {
            // httpclient5 releases a leased connection only on exceptions: without a new client every
            // later send would fail once the leaked connections fill the pool.
            if (clients.replace(lease)) {
                status.warn("Sluice appender '" + appenderName + "': " + e.getClass().getName()
                        + " inside the HTTP client while sending to " + describe()
                        + "; its connections were discarded and a new HTTP client is used", e);
            }
            throw new TransportException("SLS PutLogs to " + describe() + " failed: " + e, true, e);
        } finally {
            clients.release(lease);
        }
    }

    private static byte[] readBounded(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream in = entity.getContent()) {
            byte[] buf = new byte[MAX_ERROR_BODY];
            int n = 0;
            int r;
            while (n < buf.length && (r = in.read(buf, n, buf.length - n)) != -1) {
                n += r;
            }
            return Arrays.copyOf(buf, n);
        }
    }

    private String source() {
        String s = source;
        if (s == null) {
            // Threads that race here compute the same value.
            s = options.source() != null ? options.source() : localAddress();
            source = s;
        }
        return s;
    }

    private static String localAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (IOException | RuntimeException e) {
            return "127.0.0.1";
        }
    }

    @Override
    public String describe() {
        return "SLS " + options.describe();
    }

    /**
     * Ends the I/O threads: the pipeline has drained or given up on what was in flight. Requests still running
     * are cut (closing the HTTP client) and fail; sends not yet started are failed.
     */
    @Override
    public void close() {
        io.close();
        clients.close();
    }
}
