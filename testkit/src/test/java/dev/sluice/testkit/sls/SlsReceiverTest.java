package dev.sluice.testkit.sls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlsReceiverTest {

    private SlsReceiver receiver;

    @BeforeEach
    void start() {
        receiver = SlsReceiver.builder()
                .key("AKID", "SECRET")
                .key("STSID", "SECRET2", "TOKEN")
                .maxLogsPerRequest(3)
                .maxRawBodyBytes(64 * 1024)
                .start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"lz4", "deflate"})
    void acceptsASignedLogGroupInEveryCompression(String compressType) throws Exception {
        SignedPutLogs request = new SignedPutLogs();
        request.compressType = compressType;
        request.rawBody = new ProtoWriter()
                .message(1, ProtoWriter.log(1_700_000_001L, 123_456_789, "level", "INFO", "message", "first", "level", "WARN"))
                .message(1, ProtoWriter.log(1_700_000_002L, null, "message", "second"))
                .string(3, "orders")
                .string(4, "10.0.0.7")
                .message(6, new ProtoWriter().string(1, "host").string(2, "web-1"))
                .toByteArray();

        RawHttp.Response response = request.send(receiver.port());

        assertThat(response.status).isEqualTo(200);
        assertThat(response.headers.get("x-log-requestid")).isNotBlank();
        List<ReceivedLog> logs = receiver.logs("shop", "app");
        assertThat(logs).hasSize(2);
        ReceivedLog first = logs.get(0);
        assertThat(first.time()).isEqualTo(1_700_000_001L);
        assertThat(first.timeNs()).isEqualTo(123_456_789);
        assertThat(first.contents()).containsExactly(new SimpleImmutableEntry<>("level", "INFO"),
                new SimpleImmutableEntry<>("message", "first"), new SimpleImmutableEntry<>("level", "WARN"));
        assertThat(first.get("level")).isEqualTo("WARN");
        assertThat(first.topic()).isEqualTo("orders");
        assertThat(first.source()).isEqualTo("10.0.0.7");
        assertThat(first.tags()).containsEntry("host", "web-1");
        assertThat(first.requestId()).isEqualTo(response.headers.get("x-log-requestid"));
        assertThat(logs.get(1).timeNs()).isNull();
        assertThat(logs.get(1).get("message")).isEqualTo("second");

        ReceivedRequest recorded = receiver.requests().get(0);
        assertThat(recorded.status()).isEqualTo(200);
        assertThat(recorded.compressType()).isEqualTo(compressType);
        assertThat(recorded.rawSize()).isEqualTo(request.rawBody.length);
        assertThat(recorded.logCount()).isEqualTo(2);
        assertThat(recorded.header("X-LOG-APIVERSION")).isEqualTo("0.6.0");
        assertThat(recorded.project()).isEqualTo("shop");
        assertThat(recorded.logstore()).isEqualTo("app");
    }

    @Test
    void signsTheRouteQueryIntoTheCanonicalResource() throws Exception {
        SignedPutLogs request = new SignedPutLogs();
        request.hashKey = "0123abcd";

        assertThat(request.send(receiver.port()).status).isEqualTo(200);
        assertThat(receiver.requests().get(0).query()).containsEntry("key", "0123abcd");
        assertThat(receiver.logCount("shop", "app")).isEqualTo(1);
    }

    @Test
    void refusesAnUnknownAccessKeyId() throws Exception {
        SignedPutLogs request = new SignedPutLogs();
        request.keyId = "NOBODY";

        assertRefused(request, 401, "Unauthorized");
    }

    @Test
    void refusesAWrongSecret() throws Exception {
        SignedPutLogs request = new SignedPutLogs();
        request.secret = "WRONG";

        assertRefused(request, 401, "SignatureNotMatch");
    }

    @Test
    void acceptsAnStsKeyOnlyWithItsToken() throws Exception {
        SignedPutLogs withToken = new SignedPutLogs();
        withToken.keyId = "STSID";
        withToken.secret = "SECRET2";
        withToken.securityToken = "TOKEN";
        assertThat(withToken.send(receiver.port()).status).isEqualTo(200);
        assertThat(receiver.requests().get(0).header("x-acs-security-token")).isEqualTo("TOKEN");

        SignedPutLogs withoutToken = new SignedPutLogs();
        withoutToken.keyId = "STSID";
        withoutToken.secret = "SECRET2";
        assertRefusedAfter(withoutToken, 401, "Unauthorized", 1);

        SignedPutLogs wrongToken = new SignedPutLogs();
        wrongToken.keyId = "STSID";
        wrongToken.secret = "SECRET2";
        wrongToken.securityToken = "OTHER";
        RawHttp.Response response = wrongToken.send(receiver.port());
        assertThat(response.status).isEqualTo(401);
        assertThat(response.body).doesNotContain("OTHER").doesNotContain("TOKEN");
    }

    @Test
    void refusesABodyThatDoesNotMatchItsContentMd5() throws Exception {
        SignedPutLogs request = new SignedPutLogs();
        request.tamperedBody = new ProtoWriter().message(1, ProtoWriter.log(1L, null, "message", "evil")).toByteArray();

        assertRefused(request, 400, "InvalidContentMD5");
    }

    @Test
    void refusesADateMoreThanFifteenMinutesOff() throws Exception {
        SignedPutLogs request = new SignedPutLogs();
        request.date = SignedPutLogs.RFC_1123.format(ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(16));

        assertRefused(request, 400, "RequestTimeExpired");
    }

    @Test
    void refusesAnotherApiVersion() throws Exception {
        SignedPutLogs request = new SignedPutLogs();
        request.apiVersion = "0.5.0";

        assertRefused(request, 400, "InvalidAPIVersion");
    }

    @Test
    void refusesACompressedBodyWithoutRawSize() throws Exception {
        SignedPutLogs request = new SignedPutLogs();
        request.compressType = "lz4";
        request.omitRawSize = true;

        assertRefused(request, 400, "MissingBodyRawSize");
    }

    @Test
    void refusesARawSizeThatIsNotPositive() throws Exception {
        SignedPutLogs request = new SignedPutLogs();
        request.compressType = "deflate";
        request.rawSizeOverride = "0";

        assertRefused(request, 400, "InvalidBodyRawSize");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lz4", "deflate"})
    void refusesABodyThatDoesNotDecompressToItsRawSize(String compressType) throws Exception {
        SignedPutLogs request = new SignedPutLogs();
        request.compressType = compressType;
        request.rawSizeOverride = String.valueOf(request.rawBody.length + 1);

        assertRefused(request, 400, "PostBodyUncompressError");
    }

    @Test
    void refusesAnUnknownCompressType() throws Exception {
        SignedPutLogs request = new SignedPutLogs();
        request.compressType = "snappy";

        assertRefused(request, 400, "InvalidCompressType");
    }

    @Test
    void refusesABodyThatIsNotALogGroup() throws Exception {
        SignedPutLogs request = new SignedPutLogs();
        request.rawBody = new byte[] {(byte) 0xFF, 0x01, 0x02};

        assertRefused(request, 400, "PostBodyInvalid");
    }

    @Test
    void refusesMoreLogsThanTheLimit() throws Exception {
        SignedPutLogs request = new SignedPutLogs();
        ProtoWriter group = new ProtoWriter();
        for (int i = 0; i < 4; i++) {
            group.message(1, ProtoWriter.log(1L, null, "n", String.valueOf(i)));
        }
        request.rawBody = group.toByteArray();

        assertRefused(request, 400, "InvalidLogSize");
    }

    @Test
    void refusesARawBodyOverTheLimit() throws Exception {
        SignedPutLogs request = new SignedPutLogs();
        request.compressType = "lz4";
        request.rawBody = new ProtoWriter().message(1, ProtoWriter.log(1L, null, "big", "x".repeat(70 * 1024)))
                .toByteArray();

        assertRefused(request, 400, "PostBodyTooLarge");
    }

    @Test
    void refusesAHostWithoutProjectLabel() throws Exception {
        RawHttp.Response response = RawHttp.post(receiver.port(), "/logstores/app/shards/lb",
                java.util.Map.of("Host", "localhost"), new byte[0]);

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body).contains("\"errorCode\":\"InvalidHost\"");
        assertThat(response.headers.get("x-log-requestid")).isNotBlank();
    }

    @Test
    void clearForgetsLogsAndRequests() throws Exception {
        assertThat(new SignedPutLogs().send(receiver.port()).status).isEqualTo(200);

        receiver.clear();

        assertThat(receiver.logs()).isEmpty();
        assertThat(receiver.requests()).isEmpty();
    }

    private void assertRefused(SignedPutLogs request, int status, String errorCode) throws Exception {
        assertRefusedAfter(request, status, errorCode, 0);
    }

    private void assertRefusedAfter(SignedPutLogs request, int status, String errorCode, int storedBefore)
            throws Exception {
        RawHttp.Response response = request.send(receiver.port());

        assertThat(response.status).isEqualTo(status);
        assertThat(response.headers.get("content-type")).isEqualTo("application/json");
        assertThat(response.body).contains("\"errorCode\":\"" + errorCode + "\"").contains("\"errorMessage\":");
        assertThat(response.headers.get("x-log-requestid")).isNotBlank();
        assertThat(receiver.logs()).hasSize(storedBefore);
        ReceivedRequest recorded = receiver.requests().get(receiver.requests().size() - 1);
        assertThat(recorded.status()).isEqualTo(status);
        assertThat(recorded.errorCode()).isEqualTo(errorCode);
    }
}
