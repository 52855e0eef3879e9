package dev.sluice.transport.sls;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signature, endpoint and error handling pieces of the SLS transport, each against an independent reference. */
class SlsRequestPartsTest {

    @Test
    void signatureMatchesOpensslOverTheCanonicalString() {
        // Reference computed with: printf '<string to sign>' | openssl dgst -sha1 -hmac my-secret -binary | base64
        SlsSigner signer = new SlsSigner("AKID", "my-secret");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-log-signaturemethod", "hmac-sha1");
        headers.put("X-Log-BodyRawSize", "1234");
        headers.put("x-log-apiversion", "0.6.0");
        headers.put("x-log-compresstype", "lz4");
        headers.put("x-acs-security-token", "tok");
        headers.put("User-Agent", "not signed");

        String auth = signer.authorization("POST", "0F0E0D0C0B0A09080706050403020100", "application/x-protobuf",
                "Mon, 03 Jan 2010 08:33:47 GMT", headers, "/logstores/app/shards/lb");

        assertThat(auth).isEqualTo("LOG AKID:WmTxudSOsN5I9jFE/hqM6MGP8fc=");
        assertThat(signer.toString()).doesNotContain("my-secret");
    }

    @Test
    void contentMd5IsUpperCaseHex() {
        // md5sum of "hello"
        assertThat(new SlsSigner("a", "b").contentMd5("hello".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5D41402ABC4B2A76B9719D911017C592");
    }

    @Test
    void dateIsRfc1123WithTwoDigitDay() {
        assertThat(SlsSigner.date(Instant.parse("2010-01-03T08:33:47Z"))).isEqualTo("Sun, 03 Jan 2010 08:33:47 GMT");
    }

    @Test
    void bareHostIsHttpsAndProjectIsTheVirtualHost() {
        SlsEndpoint e = SlsEndpoint.parse("cn-hangzhou.log.aliyuncs.com", "shop");
        assertThat(e.scheme()).isEqualTo("https");
        assertThat(e.connectHost()).isEqualTo("shop.cn-hangzhou.log.aliyuncs.com");
        assertThat(e.port()).isEqualTo(-1);
        assertThat(e.hostHeader()).isEqualTo("shop.cn-hangzhou.log.aliyuncs.com");
    }

    @Test
    void addressEndpointIsContactedAsGivenWithTheProjectInTheHostHeader() {
        SlsEndpoint e = SlsEndpoint.parse("http://127.0.0.1:4999", "shop");
        assertThat(e.scheme()).isEqualTo("http");
        assertThat(e.connectHost()).isEqualTo("127.0.0.1");
        assertThat(e.port()).isEqualTo(4999);
        assertThat(e.hostHeader()).isEqualTo("shop.127.0.0.1:4999");

        assertThat(SlsEndpoint.parse("http://localhost:8080/", "shop").connectHost()).isEqualTo("localhost");
        assertThat(SlsEndpoint.parse("https://shop.example.com:8443", "shop").hostHeader()).isEqualTo("shop.example.com:8443");
    }

    @Test
    void badEndpointsAreRejectedWithAReason() {
        assertThatThrownBy(() -> SlsEndpoint.parse("ftp://host", "shop")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> SlsEndpoint.parse("http://host/logstores", "shop")).hasMessageContaining("without a path");
        assertThatThrownBy(() -> SlsEndpoint.parse("http://", "shop")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorCodesDecideRetries() {
        assertThat(error(503, "ServerBusy").isRetryable()).isTrue();
        assertThat(error(500, "InternalServerError").isRetryable()).isTrue();
        assertThat(error(403, "WriteQuotaExceed").isRetryable()).isTrue();
        assertThat(error(403, "ShardWriteQuotaExceed").isRetryable()).isTrue();
        assertThat(error(403, "ExceedQuota").isRetryable()).isTrue();
        assertThat(error(429, "Whatever").isRetryable()).isTrue();
        assertThat(error(400, "RequestTimeExpired").isRetryable()).isTrue();
        assertThat(error(400, "RequestTimeExpired").isClockSkew()).isTrue();
        assertThat(error(401, "Unauthorized").isRetryable()).isFalse();
        assertThat(error(401, "SignatureNotMatch").isRetryable()).isFalse();
        assertThat(error(404, "ProjectNotExist").isRetryable()).isFalse();
        assertThat(error(404, "LogStoreNotExist").isRetryable()).isFalse();
        assertThat(error(400, "InvalidLogSize").isRetryable()).isFalse();
        assertThat(error(400, "PostBodyTooLarge").isTooLarge()).isTrue();
    }

    @Test
    void errorDescriptionNamesCodeMessageAndRequestId() {
        SlsError e = SlsError.parse(401, "{\"errorCode\":\"SignatureNotMatch\",\"errorMessage\":\"bad\\nsig\",\"x\":[1,{}]}"
                .getBytes(StandardCharsets.UTF_8), "REQ-1");
        assertThat(e.describe()).isEqualTo("HTTP 401 SignatureNotMatch: bad sig (request id REQ-1)");
    }

    @Test
    void unparseableErrorBodyIsShownShortenedWithTheStatus() {
        String html = "<html><body>502 Bad Gateway</body></html>" + "x".repeat(10_000);
        SlsError e = SlsError.parse(502, html.getBytes(StandardCharsets.UTF_8), null);
        assertThat(e.describe()).startsWith("HTTP 502 with an unparseable body: <html><body>502 Bad Gateway");
        assertThat(e.describe().length()).isLessThan(400);
        assertThat(e.isRetryable()).isTrue();
        assertThat(SlsError.parse(400, new byte[0], null).describe()).isEqualTo("HTTP 400");
    }

    private static SlsError error(int status, String code) {
        return SlsError.parse(status, ("{\"errorCode\":\"" + code + "\",\"errorMessage\":\"m\"}").getBytes(StandardCharsets.UTF_8), "r");
    }
}
