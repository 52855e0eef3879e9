package dev.sluice.transport.sls;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * SLS request signature v1: HMAC-SHA1 over the verb, Content-MD5, Content-Type, Date, the
 * sorted {@code x-log-}/{@code x-acs-} headers and the resource. Holds the secret; never
 * shows it. One instance per sender thread.
 */
final class SlsSigner {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String accessKeyId;
    private final Mac mac;
    private final MessageDigest md5;

    SlsSigner(String accessKeyId, String accessKeySecret) {
        this.accessKeyId = accessKeyId;
        try {
            this.mac = Mac.getInstance("HmacSHA1");
            byte[] key = accessKeySecret.getBytes(StandardCharsets.UTF_8);
            // An empty secret is a configuration error reported elsewhere; the JCE refuses empty keys.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1/MD5 unavailable in this JVM", e);
        }
    }

    /** Content-MD5 as SLS wants it: 32 upper-case hex chars. */
    String contentMd5(byte[] body) {
        byte[] digest = md5.digest(body);
        char[] hex = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            hex[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(hex);
    }

    static String date(Instant now) {
        return DATE.format(now);
    }

    /**
     * The {@code Authorization} header value.
     *
     * @param headers all request headers (names in any case); only x-log-/x-acs- ones are signed
     */
    String authorization(String verb, String contentMd5, String contentType, String date,
                         Map<String, String> headers, String resource) {
        StringBuilder toSign = new StringBuilder(256)
                .append(verb).append('\n')
                .append(contentMd5).append('\n')
                .append(contentType).append('\n')
                .append(date).append('\n');
        Map<String, String> canonical = new TreeMap<>();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-log-") || name.startsWith("x-acs-")) {
                canonical.put(name, h.getValue().trim());
            }
        }
        for (Map.Entry<String, String> h : canonical.entrySet()) {
            toSign.append(h.getKey()).append(':').append(h.getValue()).append('\n');
        }
        toSign.append(resource);
        byte[] signature = mac.doFinal(toSign.toString().getBytes(StandardCharsets.UTF_8));
        return "LOG " + accessKeyId + ":" + Base64.getEncoder().encodeToString(signature);
    }

    @Override
    public String toString() {
        return "SlsSigner[accessKeyId=" + accessKeyId + "]";
    }
}
