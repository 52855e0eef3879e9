package dev.sluice.testkit.sls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlsReceiverFaultTest {

    private SlsReceiver receiver;

    @BeforeEach
    void start() {
        receiver = SlsReceiver.builder().key("AKID", "SECRET").start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void failNextAnswersTheQueuedErrorsInOrderThenAcceptsAgain() throws Exception {
        receiver.failNext(1, 503, "ServerBusy", "busy").failNext(1, 403, "WriteQuotaExceed", "quota");

        RawHttp.Response first = new SignedPutLogs().send(receiver.port());
        RawHttp.Response second = new SignedPutLogs().send(receiver.port());
        RawHttp.Response third = new SignedPutLogs().send(receiver.port());

        assertThat(first.status).isEqualTo(503);
        assertThat(first.body).isEqualTo("{\"errorCode\":\"ServerBusy\",\"errorMessage\":\"busy\"}");
        assertThat(second.status).isEqualTo(403);
        assertThat(second.body).contains("WriteQuotaExceed");
        assertThat(third.status).isEqualTo(200);
        assertThat(receiver.logCount("shop", "app")).isEqualTo(1);
        assertThat(receiver.requests()).extracting(ReceivedRequest::errorCode)
                .containsExactly("ServerBusy", "WriteQuotaExceed", null);
    }

    @Test
    void failNextWithBodySendsTheBodyVerbatim() throws Exception {
        receiver.failNextWithBody(1, 502, "<html><body>Bad Gateway</body></html>");

        RawHttp.Response response = new SignedPutLogs().send(receiver.port());

        assertThat(response.status).isEqualTo(502);
        assertThat(response.body).isEqualTo("<html><body>Bad Gateway</body></html>");
        assertThat(response.headers.get("x-log-requestid")).isNotBlank();
        assertThat(receiver.logs()).isEmpty();
    }

    @Test
    void aFaultIsNotSpentOnARequestThatFailsVerification() throws Exception {
        receiver.failNext(1, 500, "InternalServerError", "boom");
        SignedPutLogs badlySigned = new SignedPutLogs();
        badlySigned.secret = "WRONG";

        assertThat(badlySigned.send(receiver.port()).status).isEqualTo(401);
        assertThat(new SignedPutLogs().send(receiver.port()).status).isEqualTo(500);
    }

    @Test
    void delayNextStoresAtOnceAndAnswersLater() throws Exception {
        receiver.delayNext(1, Duration.ofSeconds(30));

        CompletableFuture<RawHttp.Response> answer = CompletableFuture.supplyAsync(this::sendQuietly);
        receiver.awaitLogs("shop", "app", 1, Duration.ofSeconds(10));

        assertThat(answer).isNotDone();
        receiver.close(); // abandons the delayed answer
        assertThat(answer).failsWithin(10, TimeUnit.SECONDS);
    }

    @Test
    void delayedAnswerIsA200() throws Exception {
        receiver.delayNext(1, Duration.ofMillis(200));

        assertThat(new SignedPutLogs().send(receiver.port()).status).isEqualTo(200);
        assertThat(receiver.logCount("shop", "app")).isEqualTo(1);
    }

    @Test
    void delayAllAppliesUntilReset() throws Exception {
        receiver.delayAll(Duration.ofSeconds(30));
        CompletableFuture<RawHttp.Response> answer = CompletableFuture.supplyAsync(this::sendQuietly);
        receiver.awaitLogs("shop", "app", 1, Duration.ofSeconds(10));
        assertThat(answer).isNotDone();

        receiver.delayAll(Duration.ZERO);

        assertThat(new SignedPutLogs().send(receiver.port()).status).isEqualTo(200);
    }

    @Test
    void dropNextConnectionsClosesWithoutAnyResponse() throws Exception {
        receiver.dropNextConnections(1);

        assertThatThrownBy(() -> new SignedPutLogs().send(receiver.port())).isInstanceOf(EOFException.class);
        assertThat(receiver.logs()).isEmpty();
        assertThat(receiver.requests()).singleElement().satisfies(r -> {
            assertThat(r.dropped()).isTrue();
            assertThat(r.logCount()).isEqualTo(1);
        });

        assertThat(new SignedPutLogs().send(receiver.port()).status).isEqualTo(200);
    }

    @Test
    void dropNextConnectionsIsAnIoErrorForTheJdkHttpClient() throws Exception {
        receiver.dropNextConnections(1);
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(receiver.endpoint() + "/logstores/app/shards/lb"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build();
        // Unsigned, so refused before any fault: proves an answer comes back when not dropped.
        assertThat(client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(400);

        // The dropped one must be a valid request; SignedPutLogs sends it, the JDK client only sees the result above.
        assertThatThrownBy(() -> new SignedPutLogs().send(receiver.port())).isInstanceOf(IOException.class);
    }

    @Test
    void failNextCarryingHitsOnlyRequestsWithThatLogAndIsNotUsedUpByOthers() throws Exception {
        receiver.failNextCarrying(1, "message", "poison", 503, "ServerBusy", "aimed").failNext(1, 500,
                "InternalServerError", "queued");

        SignedPutLogs poison = withMessage("poison");
        assertThat(poison.send(receiver.port()).status).as("aimed fault first, queued one left").isEqualTo(503);
        assertThat(withMessage("other").send(receiver.port()).status).as("the queued fault").isEqualTo(500);
        assertThat(withMessage("other").send(receiver.port()).status).isEqualTo(200);
        assertThat(withMessage("poison").send(receiver.port()).status).as("used up").isEqualTo(200);

        assertThat(receiver.requests()).extracting(ReceivedRequest::errorCode)
                .containsExactly("ServerBusy", "InternalServerError", null, null);
        assertThat(receiver.logs("shop", "app")).extracting(l -> l.get("message")).containsExactly("other", "poison");
    }

    @Test
    void heldAnswersWaitUntilReleasedAndShowHowManyRequestsWereInFlightAtOnce() throws Exception {
        receiver.holdAnswers();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<CompletableFuture<RawHttp.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(CompletableFuture.supplyAsync(this::sendQuietly, clients));
        }
        clients.shutdown();

        receiver.awaitHeldAnswers(3, Duration.ofSeconds(10));
        assertThat(receiver.logCount("shop", "app")).as("stored before the answer").isEqualTo(3);
        assertThat(answers).noneMatch(CompletableFuture::isDone);
        assertThat(receiver.mostRequestsAtOnce()).isEqualTo(3);

        receiver.releaseAnswers();
        for (CompletableFuture<RawHttp.Response> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS).status).isEqualTo(200);
        }
        assertThat(new SignedPutLogs().send(receiver.port()).status).as("no longer held").isEqualTo(200);
        assertThat(receiver.mostRequestsAtOnce()).isEqualTo(3);

        receiver.clear();
        assertThat(new SignedPutLogs().send(receiver.port()).status).isEqualTo(200);
        assertThat(receiver.mostRequestsAtOnce()).as("restarted by clear").isEqualTo(1);
    }

    @Test
    void awaitHeldAnswersSaysHowManyWereHeldWhenItTimesOut() {
        receiver.holdAnswers();
        assertThatThrownBy(() -> receiver.awaitHeldAnswers(1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("only 0 of 1 answers held");
    }

    private static SignedPutLogs withMessage(String message) {
        SignedPutLogs request = new SignedPutLogs();
        request.rawBody = new ProtoWriter().message(1, ProtoWriter.log(1_700_000_000L, null, "message", message))
                .toByteArray();
        return request;
    }

    @Test
    void awaitLogsSaysWhatArrivedWhenItTimesOut() throws Exception {
        assertThat(new SignedPutLogs().send(receiver.port()).status).isEqualTo(200);

        assertThatThrownBy(() -> receiver.awaitLogs("shop", "app", 2, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected at least 2 logs in shop/app")
                .hasMessageContaining("shop/app=1");
    }

    private RawHttp.Response sendQuietly() {
        try {
            return new SignedPutLogs().send(receiver.port());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
