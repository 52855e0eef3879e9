package dev.sluice.testkit.sls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that send too much, too slowly or nothing valid: each is refused from what the head declares, or cut off
 * by the read timeout, without the receiver reading (or holding) what it would not accept.
 */
class SlsReceiverAbuseTest {

    /** Only a safety net against a hang of the client's own reads: no assertion depends on it. */
    private static final int CLIENT_SO_TIMEOUT_MS = 20_000;

    private final List<Socket> sockets = new ArrayList<>();
    private SlsReceiver receiver;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void anUnsignedRequestIsRefusedAfterItsHeadWhileItsBodyNeverEnds() throws Exception {
        receiver = SlsReceiver.builder().key("AKID", "SECRET").start();
        Socket socket = connect();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "shop.127.0.0.1");
        headers.put("x-log-apiversion", "0.6.0");
        headers.put("Date", SignedPutLogs.RFC_1123.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
        OutputStream out = socket.getOutputStream();
        out.write(RawHttp.head("/logstores/app/shards/lb", headers, 1L << 40)); // declares a terabyte
        out.write(new byte[64 * 1024]); // the start of a body that never ends
        out.flush();

        RawHttp.Response response = RawHttp.read(socket.getInputStream());

        assertThat(response.status).isEqualTo(401);
        assertThat(response.body).contains("\"errorCode\":\"Unauthorized\"");
        assertThat(response.headers.get("connection")).isEqualTo("close");
        assertThat(receiver.requests()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(401));
    }

    @Test
    void aSignedRequestDeclaringAnOversizedBodyIsRefusedBeforeTheBodyIsSent() throws Exception {
        receiver = SlsReceiver.builder().key("AKID", "SECRET").maxRawBodyBytes(64 * 1024).start();
        SignedPutLogs request = new SignedPutLogs();
        request.compressType = "lz4";
        request.rawSizeOverride = String.valueOf(100L * 1024 * 1024); // 100 MB once decompressed
        Socket socket = connect();
        byte[] body = request.body();
        socket.getOutputStream().write(RawHttp.head(request.resource(),
                request.signedHeaders(receiver.port(), body), 1L << 30)); // declares 1 GB, sends none of it
        socket.getOutputStream().flush();

        RawHttp.Response response = RawHttp.read(socket.getInputStream());

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body).contains("\"errorCode\":\"PostBodyTooLarge\"");
        assertThat(receiver.logs()).isEmpty();
    }

    @Test
    void aSignedRequestWhoseContentLengthIsOverTheLimitIsRefusedBeforeTheBodyIsSent() throws Exception {
        receiver = SlsReceiver.builder().key("AKID", "SECRET").maxRawBodyBytes(64 * 1024).start();
        SignedPutLogs request = new SignedPutLogs();
        request.compressType = "lz4";
        Socket socket = connect();
        byte[] body = request.body();
        socket.getOutputStream().write(RawHttp.head(request.resource(),
                request.signedHeaders(receiver.port(), body), 1L << 30));
        socket.getOutputStream().flush();

        RawHttp.Response response = RawHttp.read(socket.getInputStream());

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body).contains("\"errorCode\":\"PostBodyTooLarge\"").contains("Content-Length");
    }

    @Test
    void aHeadOverTheLimitIsRefusedWith431() throws Exception {
        receiver = SlsReceiver.builder().key("AKID", "SECRET").start();
        Socket socket = connect();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "shop.127.0.0.1");
        for (int i = 0; i < 95; i++) { // 95 headers of 2 KB: 190 KB, under the header count, over the head size
            headers.put("x-pad-" + i, "p".repeat(2000));
        }
        byte[] head = RawHttp.head("/logstores/app/shards/lb", headers, 0);
        Thread writer = writeQuietly(socket, head);

        RawHttp.Response response = RawHttp.read(socket.getInputStream());
        writer.join();

        assertThat(response.status).isEqualTo(431);
        assertThat(response.body).contains("RequestHeaderFieldsTooLarge");
        assertThat(socket.getInputStream().read()).as("closed after the answer").isEqualTo(-1);
    }

    @Test
    void tooManyHeaderFieldsAreRefusedWith431() throws Exception {
        receiver = SlsReceiver.builder().key("AKID", "SECRET").maxHead(64 * 1024, 20).start();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "shop.127.0.0.1");
        for (int i = 0; i < 30; i++) {
            headers.put("x-h" + i, "v");
        }

        RawHttp.Response response = RawHttp.post(receiver.port(), "/logstores/app/shards/lb", headers, new byte[0]);

        assertThat(response.status).isEqualTo(431);
    }

    @Test
    void aSlowLorisIsDisconnectedAtTheReadTimeoutHoweverOftenItSends() throws Exception {
        receiver = SlsReceiver.builder().key("AKID", "SECRET").readTimeout(Duration.ofMillis(300)).start();
        Socket socket = connect();
        socket.getOutputStream().write("POST /logstores/app/shards/lb HTTP/1.1\r\nHost: shop.127.0.0.1\r\nx-slow: "
                .getBytes(StandardCharsets.ISO_8859_1));
        // One byte of a header value every 20 ms for up to 60 s: each read alone is far quicker than the timeout,
        // and the head stays small (3 KB at most) and has few fields, so no size or count limit ends it.
        AtomicInteger dripped = new AtomicInteger();
        Thread drip = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (int i = 0; i < 3000; i++) {
                    out.write('v');
                    out.flush();
                    dripped.incrementAndGet();
                    Thread.sleep(20); // the client's pace, not a synchronisation
                }
            } catch (IOException | InterruptedException e) {
                // disconnected, as expected
            }
        }, "slow-loris");
        drip.setDaemon(true);
        drip.start();

        RawHttp.Response response = RawHttp.read(socket.getInputStream());
        int drippedWhenAnswered = dripped.get();
        drip.interrupt();

        assertThat(response.status).isEqualTo(408);
        assertThat(socket.getInputStream().read()).as("closed after the answer").isEqualTo(-1);
        assertThat(drippedWhenAnswered).as("cut off long before the client was done").isLessThan(3000);
    }

    @Test
    void slowConnectionsHoldAtMostMaxConnectionsThreads() throws Exception {
        receiver = SlsReceiver.builder().key("AKID", "SECRET").maxConnections(4).readTimeout(Duration.ofSeconds(1))
                .start();
        for (int i = 0; i < 12; i++) {
            Socket socket = connect();
            socket.getOutputStream().write("POST /logstores/app/shards/lb HTTP/1.1\r\nHost: shop"
                    .getBytes(StandardCharsets.ISO_8859_1)); // a head that never ends
            socket.getOutputStream().flush();
        }
        String prefix = "sls-receiver-" + receiver.port() + "-";

        await().atMost(Duration.ofSeconds(20)).until(() -> workerThreads(prefix) >= 4);

        assertThat(workerThreads(prefix)).isEqualTo(4);
        // ... and a genuine client is served once the read timeout has cut off the slow ones before it.
        assertThat(new SignedPutLogs().send(receiver.port()).status).isEqualTo(200);
        assertThat(workerThreads(prefix)).isEqualTo(4);
    }

    @Test
    void logsOverTheCountLimitAreRefusedBeforeTheRestOfTheBodyIsDecoded() throws Exception {
        receiver = SlsReceiver.builder().key("AKID", "SECRET").maxLogsPerRequest(3).start();
        SignedPutLogs request = new SignedPutLogs();
        ProtoWriter group = new ProtoWriter();
        for (int i = 0; i < 4; i++) {
            group.message(1, ProtoWriter.log(1L, null, "n", String.valueOf(i)));
        }
        // Garbage after the fourth log: a full parse would fail on it and answer PostBodyInvalid.
        request.rawBody = concat(group.toByteArray(), new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});

        RawHttp.Response response = request.send(receiver.port());

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body).contains("\"errorCode\":\"InvalidLogSize\"");
    }

    @Test
    void contentsOverTheLimitOfOneLogAreRefusedWhileDecoding() throws Exception {
        receiver = SlsReceiver.builder().key("AKID", "SECRET").maxContentsPerLog(3).start();
        SignedPutLogs request = new SignedPutLogs();
        ProtoWriter log = ProtoWriter.log(1L, null, "a", "1", "b", "2", "c", "3", "d", "4");
        request.rawBody = concat(new ProtoWriter().message(1, log).toByteArray(),
                new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});

        RawHttp.Response response = request.send(receiver.port());

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body).contains("\"errorCode\":\"InvalidLogSize\"").contains("contents");
    }

    @Test
    void contentsOverTheLimitOfOneRequestAreRefusedAsTooLarge() throws Exception {
        receiver = SlsReceiver.builder().key("AKID", "SECRET").maxContentsPerRequest(5).start();
        SignedPutLogs request = new SignedPutLogs();
        request.rawBody = new ProtoWriter()
                .message(1, ProtoWriter.log(1L, null, "a", "1", "b", "2", "c", "3"))
                .message(1, ProtoWriter.log(1L, null, "a", "1", "b", "2", "c", "3"))
                .toByteArray();

        RawHttp.Response response = request.send(receiver.port());

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body).contains("\"errorCode\":\"PostBodyTooLarge\"");
    }

    private static int workerThreads(String prefix) {
        int n = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && thread.getName().startsWith(prefix) && !thread.getName().endsWith("acceptor")) {
                n++;
            }
        }
        return n;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), receiver.port());
        socket.setSoTimeout(CLIENT_SO_TIMEOUT_MS);
        sockets.add(socket);
        return socket;
    }

    /** Writes on another thread, ignoring a reset: the server may stop reading once it has refused. */
    private static Thread writeQuietly(Socket socket, byte[] bytes) {
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(bytes);
                out.flush();
            } catch (IOException refused) {
                // expected once the server has answered and closed
            }
        }, "head-writer");
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

}
