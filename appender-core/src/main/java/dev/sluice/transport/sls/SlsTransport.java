package dev.sluice.transport.sls;

import dev.sluice.transport.BlockingTransport;
import dev.sluice.transport.TransportFactory;
import dev.sluice.encode.EncodedEvent;
import dev.sluice.encode.EventEncoder;
import dev.sluice.transport.sls.LogGroupWriter;
import dev.sluice.transport.sls.SlsLogEncoder;
import dev.sluice.config.Backend;
import dev.sluice.config.OptionReader;
import dev.sluice.fields.FieldComposer;
import dev.sluice.fields.FieldOptions;
import dev.sluice.transport.Batch;
import dev.sluice.runtime.StatusSink;
import dev.sluice.transport.Transport;
import dev.sluice.transport.TransportException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Sends batches to an SLS-compatible PutLogs API with httpclient5: one request per batch (split
 * when it exceeds the server's limits of 4096 logs or 10 MB), signed (v1), compressed.
 *
 * <p>A request the server rejects as too large is split in halves and resent; a single log still
 * refused as too large (a proxy's body limit, say) is dropped alone and counted. A batch that fails
 * after some of its requests were accepted resumes where it stopped on retry, so nothing is sent
 * twice. Retryable: I/O errors and timeouts, HTTP 5xx and 429, throttling and quota codes,
 * {@code RequestTimeExpired} (re-signed). Everything else fails the batch at once.
 */
public final class SlsTransport implements BlockingTransport {
    private static final String CONTENT_TYPE = "application/x-protobuf";
    private static final int MAX_ERROR_BODY = 16 * 1024;

    private final SlsOptions options;
    private final String appenderName;
    private final StatusSink status;
    private final String resource;
    private final LogGroupWriter groups;
    private final SlsSigner signer;
    private final Compression.Compressor compressor;
    /** Replaced, with {@link #client}, after an Error inside httpclient5 (see {@link #post}). */
    private volatile PoolingHttpClientConnectionManager connections;
    private volatile CloseableHttpClient client;
    private final HttpHost target;
    private final int maxLogsPerRequest;
    private final int maxRequestBytes;
    private String source;
    private Batch resumeBatch;
    private int resumeIndex;
    private boolean tooLargeReported;
    private final UnaryOperator<HttpEntity> requestBodies;

    /**
     * The factory every adapter hands to {@code PipelineAssembly}. SLS batches default to the
     * server's 4096 logs per request (declared in the option catalogue): one request waits for its
     * answer before the next is sent, so over a real network round trip fewer, larger requests carry more.
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

    /** Creates the transport; does no I/O. With configuration errors the instance is only closed. */
    SlsTransport(SlsOptions options, String appenderName, StatusSink status, int maxLogsPerRequest, int maxRequestBytes) {
        this(options, appenderName, status, maxLogsPerRequest, maxRequestBytes, UnaryOperator.identity());
    }

    /**
     * @param requestBodies wraps each request's body before httpclient5 writes it: the identity,
     *                      except in tests that make the client fail inside its request execution
     */
    SlsTransport(SlsOptions options, String appenderName, StatusSink status, int maxLogsPerRequest, int maxRequestBytes,
                 UnaryOperator<HttpEntity> requestBodies) {
        this.requestBodies = requestBodies;
        this.options = options;
        this.appenderName = appenderName;
        this.status = status;
        this.maxLogsPerRequest = maxLogsPerRequest;
        this.maxRequestBytes = maxRequestBytes;
        this.resource = "/logstores/" + options.logstore() + "/shards/lb";
        this.groups = new LogGroupWriter(options.topic(), options.tags());
        this.signer = new SlsSigner(options.accessKeyId() == null ? "" : options.accessKeyId(), options.accessKeySecret());
        this.compressor = options.compression().newCompressor();
        SlsEndpoint endpoint = options.endpoint();
        this.target = endpoint == null ? null : new HttpHost(endpoint.scheme(), endpoint.connectHost(), endpoint.port());
        buildClient();
    }

    /** A new pooled client; sender thread (or the constructor) only. */
    private void buildClient() {
        Timeout connect = Timeout.ofMilliseconds(options.connectTimeout().toMillis());
        Timeout response = Timeout.ofMilliseconds(options.requestTimeout().toMillis());
        connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(2)
                .setMaxConnPerRoute(2)
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
        client = HttpClients.custom()
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

    @Override
    public void send(Batch batch) throws TransportException {
        List<EncodedEvent> events = batch.events();
        int from = batch == resumeBatch ? resumeIndex : 0;
        resumeBatch = batch;
        resumeIndex = from;
        try {
            while (from < events.size()) {
                int to = requestEnd(events, from);
                sendRange(batch, from, to);
                from = to;
            }
        } catch (TransportException e) {
            throw e.withDelivered(resumeIndex);
        }
        resumeBatch = null;
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

    private void sendRange(Batch batch, int from, int to) throws TransportException {
        List<EncodedEvent> events = batch.events();
        byte[] raw = groups.write(events, from, to, source());
        byte[] body = compressor.compress(raw);
        SlsError error = post(raw.length, body);
        if (error != null && error.isClockSkew()) {
            // The request was signed with a Date the server finds too old or new: sign anew once.
            error = post(raw.length, body);
        }
        if (error == null) {
            for (int i = from; i < to; i++) {
                batch.delivered(i);
            }
            resumeIndex = to;
            return;
        }
        if (error.isTooLarge() && to - from > 1) {
            int mid = (from + to) >>> 1;
            sendRange(batch, from, mid);
            sendRange(batch, mid, to);
            return;
        }
        if (error.isTooLarge()) {
            // One log alone is refused: no retry can deliver it, and it must not hold back the rest.
            batch.reject(from);
            resumeIndex = to;
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
        if (!tooLargeReported) {
            // Later ones are counted in the pipeline's throttled drop report.
            tooLargeReported = true;
            status.warn("Sluice appender '" + appenderName + "': dropped a log that " + describe()
                    + " refuses as too large even alone (" + rawBytes + " bytes, " + bodyBytes
                    + " compressed): " + error.describe() + "; the rest of its batch is sent", null);
        }
    }

    /** @return null on success, else the server's error */
    private SlsError post(int rawSize, byte[] body) throws TransportException {
        String date = SlsSigner.date(Instant.now());
        String md5 = signer.contentMd5(body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-log-apiversion", "0.6.0");
        headers.put("x-log-signaturemethod", "hmac-sha1");
        headers.put("x-log-bodyrawsize", Integer.toString(rawSize));
        if (options.compression().header() != null) {
            headers.put("x-log-compresstype", options.compression().header());
        }
        if (options.securityToken() != null) {
            headers.put("x-acs-security-token", options.securityToken());
        }
        String authorization = signer.authorization("POST", md5, CONTENT_TYPE, date, headers, resource);
        ClassicRequestBuilder request = ClassicRequestBuilder.post()
                .setPath(resource)
                .setHeader("Host", options.endpoint().hostHeader())
                .setHeader("Date", date)
                .setHeader("Content-MD5", md5)
                .setHeader("Authorization", authorization)
                .setEntity(requestBodies.apply(new ByteArrayEntity(body, ContentType.create(CONTENT_TYPE))));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            request.setHeader(h.getKey(), h.getValue());
        }
        ClassicHttpRequest built = request.build();
        try {
            return client.execute(target, built, response -> {
                int code = response.getCode();
                Header requestId = response.getFirstHeader("x-log-requestid");
                byte[] answer = readBounded(response.getEntity());
                return code / 100 == 2 ? null
                        : SlsError.parse(code, answer, requestId == null ? null : requestId.getValue());
            });
        } catch (IOException | RuntimeException e) {
            throw new TransportException("SLS PutLogs to " + describe() + " failed: " + e, true, e);
        } catch (Error e) {
            // httpclient5 releases a leased connection only on exceptions, and shuts its pool down on
            // an Error: without a new client every later send would fail until restart.
            rebuildClient(e);
            throw new TransportException("SLS PutLogs to " + describe() + " failed: " + e, true, e);
        }
    }

    private void rebuildClient(Error cause) {
        closeClient();
        buildClient();
        status.warn("Sluice appender '" + appenderName + "': " + cause.getClass().getName()
                + " inside the HTTP client while sending to " + describe()
                + "; its connections were discarded and a new HTTP client is used", cause);
    }

    private void closeClient() {
        try {
            client.close(CloseMode.IMMEDIATE);
            connections.close(CloseMode.IMMEDIATE);
        } catch (RuntimeException | Error ignored) {
            // Being discarded; the new client does not depend on it.
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
        if (source == null) {
            source = options.source() != null ? options.source() : localAddress();
        }
        return source;
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

    @Override
    public void close() {
        closeClient();
        compressor.close();
    }
}
