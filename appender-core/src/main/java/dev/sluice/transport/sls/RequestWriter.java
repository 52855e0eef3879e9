package dev.sluice.transport.sls;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Compresses and signs PutLogs requests. Holds state that must not be shared between threads (the
 * HMAC and MD5 instances, zlib's deflater), so each I/O thread of a transport has its own.
 */
final class RequestWriter implements AutoCloseable {
    static final String CONTENT_TYPE = "application/x-protobuf";

    private final SlsOptions options;
    private final String resource;
    private final SlsSigner signer;
    private final Compression.Compressor compressor;
    private final UnaryOperator<HttpEntity> requestBodies;

    RequestWriter(SlsOptions options, String resource, UnaryOperator<HttpEntity> requestBodies) {
        this.options = options;
        this.resource = resource;
        this.requestBodies = requestBodies;
        this.signer = new SlsSigner(options.accessKeyId() == null ? "" : options.accessKeyId(), options.accessKeySecret());
        this.compressor = options.compression().newCompressor();
    }

    /** The body as sent: {@code raw} compressed as configured. */
    byte[] compress(byte[] raw) {
        return compressor.compress(raw);
    }

    /** A request carrying {@code body}, signed now (so a resend after {@code RequestTimeExpired} gets a fresh Date). */
    ClassicHttpRequest request(int rawSize, byte[] body) {
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
        return request.build();
    }

    /** Frees the deflater's native memory; by the thread that used it, when it ends. */
    @Override
    public void close() {
        compressor.close();
    }
}
