package dev.sluice.testkit.sls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks what the real service checks before it looks at the body: API version, Date and its skew, the
 * Authorization header and signature v1, the STS token, Content-Type and Content-MD5.
 */
final class RequestVerifier {

    static final String API_VERSION = "0.6.0";
    static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private final Map<String, AccessKey> keys;
    private final Clock clock;

    RequestVerifier(Map<String, AccessKey> keys, Clock clock) {
        this.keys = Map.copyOf(keys);
        this.clock = clock;
    }

    /** Everything the head alone proves; called before the body is read, so unsigned bodies are never received. */
    void verifyHead(IncomingRequest request) throws SlsError {
        checkApiVersion(request.header("x-log-apiversion"));
        checkDate(request.header("Date"));
        checkSignature(request);
        checkContentType(request.header("Content-Type"));
    }

    /** The body against the signed Content-MD5. */
    void verifyBody(IncomingRequest request) throws SlsError {
        checkContentMd5(request.header("Content-MD5"), request.body);
    }

    private static void checkApiVersion(String version) throws SlsError {
        if (version == null) {
            throw new SlsError(400, "MissingAPIVersion", "x-log-apiversion does not exist in http header");
        }
        if (!API_VERSION.equals(version)) {
            throw new SlsError(400, "InvalidAPIVersion", "x-log-apiversion " + version + " is unsupported");
        }
    }

    private void checkDate(String date) throws SlsError {
        if (date == null) {
            throw new SlsError(400, "MissingDate", "Date does not exist in http header");
        }
        Instant sent;
        try {
            sent = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new SlsError(400, "InvalidDateFormat", "Date " + date + " must follow RFC822");
        }
        Instant now = clock.instant();
        if (Duration.between(sent, now).abs().compareTo(MAX_SKEW) > 0) {
            throw new SlsError(400, "RequestTimeExpired",
                    "Request time " + date + " has been expired while server time is " + now);
        }
    }

    private void checkSignature(IncomingRequest request) throws SlsError {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.startsWith("LOG ") || authorization.indexOf(':') < 0) {
            throw new SlsError(401, "Unauthorized", "Authorization header missing or not 'LOG {AccessKeyId}:{Signature}'");
        }
        String credentials = authorization.substring(4);
        int colon = credentials.lastIndexOf(':');
        String keyId = credentials.substring(0, colon);
        String signature = credentials.substring(colon + 1);
        AccessKey key = keys.get(keyId);
        if (key == null) {
            throw new SlsError(401, "Unauthorized", "The AccessKeyId " + keyId + " is unauthorized");
        }
        String token = request.header("x-acs-security-token");
        if (key.securityToken() == null ? token != null : !key.securityToken().equals(token)) {
            // Never echo the token itself.
            throw new SlsError(401, "Unauthorized", "The security token of AccessKeyId " + keyId
                    + (token == null ? " is missing" : " is invalid"));
        }
        String expected = SignatureV1.sign(key.secret(),
                SignatureV1.stringToSign(request.method, firstValues(request.headers), request.path, request.query));
        if (!MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                signature.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new SlsError(401, "SignatureNotMatch", "signature " + signature + " not match");
        }
        String method = request.header("x-log-signaturemethod");
        if (method != null && !"hmac-sha1".equals(method)) {
            throw new SlsError(400, "InvalidSignatureMethod", "signature method " + method + " is unsupported");
        }
    }

    private static void checkContentType(String contentType) throws SlsError {
        if (contentType == null) {
            throw new SlsError(400, "MissingContentType", "Content-Type does not exist in http header when body is not empty");
        }
        if (!"application/x-protobuf".equals(contentType.trim())) {
            throw new SlsError(415, "InvalidContentType", "Content-Type " + contentType + " is unsupported");
        }
    }

    /** Absent is accepted (it is then signed as an empty line); present, it must be the upper-hex MD5 of the body. */
    private static void checkContentMd5(String contentMd5, byte[] body) throws SlsError {
        if (contentMd5 == null) {
            return;
        }
        String actual = md5UpperHex(body);
        if (!actual.equals(contentMd5)) {
            throw new SlsError(400, "InvalidContentMD5",
                    "Content-MD5 " + contentMd5 + " does not match the body (" + actual + ")");
        }
    }

    static String md5UpperHex(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(body);
            StringBuilder hex = new StringBuilder(32);
            for (byte b : digest) {
                hex.append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    private static Map<String, String> firstValues(Map<String, List<String>> headers) {
        Map<String, String> first = new HashMap<>();
        headers.forEach((name, values) -> {
            if (!values.isEmpty()) {
                first.put(name, values.get(0));
            }
        });
        return first;
    }
}
