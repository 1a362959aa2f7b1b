package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --max-children}: clients that never end their session (no DELETE) cannot pile up children. At the bound
 * the least recently active client without an open response is closed for the new one, else one only waiting on a
 * stream; when every client has a request in flight, the new one is refused with 503 and a message naming the option.
 */
@Timeout(120)
class HttpChildBoundTest {
    private HttpFrontEnd frontEnd;
    private HttpTestRelay relay;
    private String url;

    @BeforeAll
    static void installPeers() throws Exception {
        HttpPythonPeers.install();
    }

    @AfterEach
    void stop() {
        frontEnd.close();
    }

    private void start(int maxChildren) {
        relay = new HttpTestRelay(() -> new HttpTestStdioChannel(HttpPythonPeers.serverStdio()));
        frontEnd = HttpFrontEnd.start(
                HttpFrontEndOptions.defaults().withPort(0).withMaxChildren(maxChildren), relay, HttpTestRelay.JSON);
        url = "http://127.0.0.1:" + frontEnd.port() + "/mcp";
    }

    private static String call(int id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    @Test
    void aNewClientAtTheBoundClosesTheLeastRecentlyActiveIdleOne() throws Exception {
        start(2);
        String first = HttpRawExchange.initialize(url, Map.of());
        String second = HttpRawExchange.initialize(url, Map.of());
        HttpRawExchange.post(url, call(2, "add", "{\"a\":1,\"b\":1}"), HttpRawExchange.withSession(Map.of(), first));

        String third = HttpRawExchange.initialize(url, Map.of());

        assertThat(frontEnd.sessionCount()).isEqualTo(2);
        assertThat(HttpRawExchange.post(
                                url, call(3, "add", "{\"a\":1,\"b\":1}"), HttpRawExchange.withSession(Map.of(), second))
                        .statusCode())
                .isEqualTo(404);
        assertThat(HttpRawExchange.post(
                                url, call(3, "add", "{\"a\":1,\"b\":1}"), HttpRawExchange.withSession(Map.of(), first))
                        .statusCode())
                .isEqualTo(200);
        assertThat(third).isNotBlank();
        HttpFrontEndTest.awaitTrue(
                () -> relay.opened.stream()
                                .filter(HttpTestStdioChannel.class::isInstance)
                                .map(HttpTestStdioChannel.class::cast)
                                .filter(channel -> channel.process().isAlive())
                                .count()
                        == 2,
                Duration.ofSeconds(30));
    }

    @Test
    void aNewClientIsRefusedWhenEveryClientHasARequestInFlight() throws Exception {
        start(1);
        String busy = HttpRawExchange.initialize(url, Map.of());
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return HttpRawExchange.post(
                        url, call(2, "slow", "{\"seconds\":3}"), HttpRawExchange.withSession(Map.of(), busy));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpFrontEndTest.awaitTrue(() -> frontEnd.busyClientCount() > 0, Duration.ofSeconds(30));

        HttpResponse<String> refused = HttpRawExchange.post(url, HttpRawExchange.INITIALIZE, Map.of());

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("--max-children");
        assertThat(slow.get().body()).contains("done");
    }

    @Test
    void aClientOnlyWaitingOnItsGetStreamIsClosedForANewOne() throws Exception {
        start(1);
        String waiting = HttpRawExchange.initialize(url, Map.of());
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Accept", "text/event-stream")
                                .header("Mcp-Session-Id", waiting)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);

        HttpResponse<String> admitted = HttpRawExchange.post(url, HttpRawExchange.INITIALIZE, Map.of());

        assertThat(admitted.statusCode()).isEqualTo(200);
        try (Stream<String> lines = stream.body()) {
            assertThat(lines.count()).as("the waiting client's stream ends").isPositive();
        }
        assertThat(HttpRawExchange.post(
                                url,
                                call(4, "add", "{\"a\":1,\"b\":1}"),
                                HttpRawExchange.withSession(Map.of(), waiting))
                        .statusCode())
                .isEqualTo(404);
    }
}
