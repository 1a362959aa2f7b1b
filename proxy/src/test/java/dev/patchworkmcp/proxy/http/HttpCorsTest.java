package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchworkmcp.proxy.ProxyCommandLine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Opt-in CORS ({@code --cors-origin}) over raw HTTP: off by default, preflights answered, the session id exposed. */
class HttpCorsTest {
    private static final String APP = "https://app.example.com";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpFrontEnd frontEnd;

    @BeforeAll
    static void installPeers() throws Exception {
        HttpNodePeers.install();
    }

    @AfterEach
    void stop() {
        if (frontEnd != null) {
            frontEnd.close();
        }
    }

    private String start(HttpFrontEndOptions options) {
        frontEnd = HttpFrontEnd.start(options.withPort(0), HttpTestRelay.everythingOverStdio(), HttpTestRelay.JSON);
        return "http://127.0.0.1:" + frontEnd.port() + "/mcp";
    }

    private static HttpResponse<String> preflight(String url, String origin) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, mcp-session-id, authorization")
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Timeout(60)
    void withoutCorsOriginsNoCorsHeadersAreSentAndPreflightsAreNotAnswered() throws Exception {
        String url = start(HttpFrontEndOptions.defaults());

        HttpResponse<String> initialize =
                HttpRawExchange.post(url, HttpRawExchange.INITIALIZE, Map.of("Origin", "http://localhost:5173"));
        HttpResponse<String> preflight = preflight(url, "http://localhost:5173");

        assertThat(initialize.statusCode()).isEqualTo(200);
        assertThat(initialize.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(preflight.statusCode()).isNotEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    @Test
    @Timeout(60)
    void preflightFromACorsOriginIsAnsweredWithoutTheToken() throws Exception {
        String url =
                start(HttpFrontEndOptions.defaults().withBearerToken("secret").withCorsOrigins(List.of(APP)));

        HttpResponse<String> answer = preflight(url, APP);

        assertThat(answer.statusCode()).isEqualTo(204);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
                .contains("POST", "GET", "DELETE");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .contains("Mcp-Session-Id", "Authorization", "Content-Type", "Last-Event-ID");
        assertThat(answer.headers().firstValue("Vary")).hasValue("Origin");
        assertThat(frontEnd.sessionCount()).isZero();
    }

    @Test
    @Timeout(60)
    void aCorsOriginIsAllowedAndItsScriptsCanReadTheSessionId() throws Exception {
        String url = start(HttpFrontEndOptions.defaults().withCorsOrigins(List.of(APP + "/")));

        HttpResponse<String> initialize = HttpRawExchange.post(url, HttpRawExchange.INITIALIZE, Map.of("Origin", APP));

        assertThat(initialize.statusCode()).isEqualTo(200);
        assertThat(initialize.headers().firstValue("Mcp-Session-Id")).isPresent();
        assertThat(initialize.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(APP);
        assertThat(initialize
                        .headers()
                        .firstValue("Access-Control-Expose-Headers")
                        .orElse(""))
                .contains("Mcp-Session-Id");
    }

    @Test
    @Timeout(60)
    void anOriginNotConfiguredGetsNoCorsAndIsStillRefused() throws Exception {
        String url = start(HttpFrontEndOptions.defaults().withCorsOrigins(List.of(APP)));

        HttpResponse<String> post =
                HttpRawExchange.post(url, HttpRawExchange.INITIALIZE, Map.of("Origin", "https://evil.example.com"));
        HttpResponse<String> preflight = preflight(url, "https://evil.example.com");

        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    @Timeout(60)
    void aRefusalForAMissingTokenIsReadableByTheCorsOrigin() throws Exception {
        String url =
                start(HttpFrontEndOptions.defaults().withBearerToken("secret").withCorsOrigins(List.of(APP)));

        HttpResponse<String> answer = HttpRawExchange.post(url, HttpRawExchange.INITIALIZE, Map.of("Origin", APP));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
    }

    @Test
    void corsOriginFlagIsParsedRepeatableAndRejectsWildcardsAndStdio() {
        ProxyCommandLine.Run run = (ProxyCommandLine.Run) ProxyCommandLine.parse(
                List.of("--serve", "http", "--cors-origin", APP, "--cors-origin", "http://localhost:5173", "--", "x"),
                Map.of("HOME", "/tmp"));

        assertThat(run.config().http().corsOrigins()).containsExactly(APP, "http://localhost:5173");
        assertThatThrownBy(() -> ProxyCommandLine.parse(
                        List.of("--serve", "http", "--cors-origin", "*", "--", "x"), Map.of("HOME", "/tmp")))
                .hasMessageContaining("no wildcard");
        assertThatThrownBy(() -> ProxyCommandLine.parse(
                        List.of("--serve", "http", "--cors-origin", "https://a.example.com/path", "--", "x"),
                        Map.of("HOME", "/tmp")))
                .hasMessageContaining("not an origin");
        assertThatThrownBy(
                        () -> ProxyCommandLine.parse(List.of("--cors-origin", APP, "--", "x"), Map.of("HOME", "/tmp")))
                .hasMessageContaining("--serve http");
    }
}
