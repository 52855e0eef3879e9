package dev.sluice.testkit.sls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SLS request signature v1 (HMAC-SHA1 over the canonical request), as the server recomputes it. */
final class SignatureV1 {

    private SignatureV1() {
    }

    /**
     * @param headers the request headers, one value each; names in any case
     * @param path    the decoded request path
     * @param query   the decoded query parameters
     */
    static String stringToSign(String method, Map<String, String> headers, String path, Map<String, String> query) {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        StringBuilder text = new StringBuilder();
        text.append(method).append('\n')
                .append(lower.getOrDefault("content-md5", "")).append('\n')
                .append(lower.getOrDefault("content-type", "")).append('\n')
                .append(lower.getOrDefault("date", "")).append('\n');
        lower.forEach((name, value) -> {
            if (name.startsWith("x-log-") || name.startsWith("x-acs-")) {
                text.append(name).append(':').append(value).append('\n');
            }
        });
        text.append(path);
        if (!query.isEmpty()) {
            StringBuilder joined = new StringBuilder();
            new TreeMap<>(query).forEach((key, value) -> {
                joined.append(joined.length() == 0 ? "" : "&").append(key).append('=').append(value);
            });
            text.append('?').append(joined);
        }
        return text.toString();
    }

    static String sign(String secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }
}
