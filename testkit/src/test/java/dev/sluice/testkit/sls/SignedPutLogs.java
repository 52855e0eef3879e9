package dev.sluice.testkit.sls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jpountz.lz4.LZ4Factory;

/**
 * Builds a PutLogs request the way an SLS client does, with its own signature code (independent of the
 * receiver's), and sends it over {@link RawHttp}. Mutable on purpose so a test can spoil one detail.
 */
final class SignedPutLogs {

    static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    String project = "shop";
    String logstore = "app";
    String hashKey;
    String keyId = "AKID";
    String secret = "SECRET";
    String securityToken;
    String compressType;
    String date = RFC_1123.format(ZonedDateTime.now(ZoneOffset.UTC));
    String apiVersion = "0.6.0";
    String contentMd5Override;
    String rawSizeOverride;
    boolean omitRawSize;
    byte[] rawBody = new ProtoWriter().message(1, ProtoWriter.log(1_700_000_000L, null, "message", "hello")).toByteArray();
    /** Replaces the (compressed) body after signing, to simulate a body changed in transit. */
    byte[] tamperedBody;

    RawHttp.Response send(int port) throws IOException {
        byte[] body = compress(rawBody);
        Map<String, String> headers = signedHeaders(port, body);
        return RawHttp.post(port, resource(), headers, tamperedBody != null ? tamperedBody : body);
    }

    /** The path and query the request is sent to and signed with. */
    String resource() {
        String path = "/logstores/" + logstore + "/shards/" + (hashKey == null ? "lb" : "route");
        return hashKey == null ? path : path + "?key=" + hashKey;
    }

    /** The compressed body {@link #send} would send. */
    byte[] body() {
        return compress(rawBody);
    }

    /** The signed headers for {@code body} (Content-Length excepted), as {@link #send} sends them. */
    Map<String, String> signedHeaders(int port, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", project + ".127.0.0.1:" + port);
        headers.put("Content-Type", "application/x-protobuf");
        headers.put("Content-MD5", contentMd5Override != null ? contentMd5Override : md5(body));
        headers.put("Date", date);
        headers.put("x-log-apiversion", apiVersion);
        headers.put("x-log-signaturemethod", "hmac-sha1");
        if (!omitRawSize) {
            headers.put("x-log-bodyrawsize", rawSizeOverride != null ? rawSizeOverride : String.valueOf(rawBody.length));
        }
        if (compressType != null) {
            headers.put("x-log-compresstype", compressType);
        }
        if (securityToken != null) {
            headers.put("x-acs-security-token", securityToken);
        }
        headers.put("Authorization", "LOG " + keyId + ":" + hmacSha1(secret, stringToSign(headers, resource())));
        return headers;
    }

    private byte[] compress(byte[] raw) {
        if ("lz4".equals(compressType)) {
            return LZ4Factory.fastestInstance().fastCompressor().compress(raw);
        }
        if ("deflate".equals(compressType)) {
            Deflater deflater = new Deflater();
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[1024];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            deflater.end();
            return out.toByteArray();
        }
        return raw;
    }

    private static String stringToSign(Map<String, String> headers, String resource) {
        List<String> canonical = new ArrayList<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-log-") || lower.startsWith("x-acs-")) {
                canonical.add(lower + ":" + value + "\n");
            }
        });
        canonical.sort(null);
        return "POST\n" + headers.get("Content-MD5") + "\n" + headers.get("Content-Type") + "\n" + headers.get("Date")
                + "\n" + String.join("", canonical) + resource;
    }

    static String hmacSha1(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String md5(byte[] body) {
        try {
            StringBuilder hex = new StringBuilder();
            for (byte b : MessageDigest.getInstance("MD5").digest(body)) {
                hex.append(String.format("%02X", b));
            }
            return hex.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
