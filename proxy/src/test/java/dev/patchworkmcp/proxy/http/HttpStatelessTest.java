package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Requests of revision 2026-07-28 over raw HTTP: no session, no handshake, headers checked against the body, the
 * errors and statuses the specification names, and one upstream per client identity shared by its requests. The
 * upstream is a real {@code mcp} 2.x server over stdio.
 */
@Timeout(120)
class HttpStatelessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "2026-07-28";

    private HttpFrontEnd frontEnd;
    private HttpTestRelay relay;
    private String url;

    @BeforeAll
    static void installPeers() throws Exception {
        HttpPythonPeers.install();
    }

    @BeforeEach
    void start() {
        relay = new HttpTestRelay(() -> new HttpTestStdioChannel(HttpPythonPeers.serverStdio()));
        frontEnd = HttpFrontEnd.start(HttpFrontEndOptions.defaults().withPort(0), relay, HttpTestRelay.JSON);
        url = "http://127.0.0.1:" + frontEnd.port() + "/mcp";
    }

    @AfterEach
    void stop() {
        frontEnd.close();
    }

    private static String call(Object id, String tool, String arguments, String client) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + JSON.valueToTree(id) + ",\"method\":\"tools/call\",\"params\":{"
                + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + VERSION + "\","
                + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"" + client + "\",\"version\":\"1.0\"},"
                + "\"io.modelcontextprotocol/clientCapabilities\":{},\"progressToken\":\"p-" + id + "\"},"
                + "\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}";
    }

    /** A request of the new era with the required {@code _meta} and the given further params (JSON members). */
    private static String request(Object id, String method, String moreParams) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + JSON.valueToTree(id) + ",\"method\":\"" + method + "\",\"params\":{"
                + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + VERSION + "\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}" + moreParams + "}}";
    }

    private static Map<String, String> headers(String method, String name) {
        Map<String, String> headers = new HashMap<>();
        headers.put("MCP-Protocol-Version", VERSION);
        headers.put("Mcp-Method", method);
        if (name != null) {
            headers.put("Mcp-Name", name);
        }
        return headers;
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        return HttpRawExchange.post(url, body, headers);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void answersAToolCallWithoutSessionOrHandshake() throws Exception {
        HttpResponse<String> response = post(call(41, "add", "{\"a\":2,\"b\":3}", "raw"), headers("tools/call", "add"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
        assertThat(json(response).path("id").asInt()).isEqualTo(41);
        assertThat(json(response)
                        .path("result")
                        .path("content")
                        .path(0)
                        .path("text")
                        .asText())
                .isEqualTo("5");
    }

    @Test
    void refusesAMissingMcpMethodHeaderWithHeaderMismatch() throws Exception {
        Map<String, String> headers = headers("tools/call", "add");
        headers.remove("Mcp-Method");

        HttpResponse<String> response = post(call(1, "add", "{\"a\":2,\"b\":3}", "raw"), headers);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("code").asInt()).isEqualTo(-32020);
        assertThat(json(response).path("error").path("message").asText()).contains("Mcp-Method");
        assertThat(json(response).path("id").asInt()).isEqualTo(1);
    }

    @Test
    void refusesAnMcpNameThatDoesNotMatchTheBody() throws Exception {
        HttpResponse<String> response =
                post(call(2, "add", "{\"a\":2,\"b\":3}", "raw"), headers("tools/call", "delete_everything"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("code").asInt()).isEqualTo(-32020);
        assertThat(json(response).path("error").path("message").asText()).contains("delete_everything", "add");
    }

    @Test
    void acceptsAnMcpNameInItsBase64Form() throws Exception {
        String encoded =
                "=?base64?" + Base64.getEncoder().encodeToString("add".getBytes(StandardCharsets.UTF_8)) + "?=";

        HttpResponse<String> response =
                post(call(3, "add", "{\"a\":1,\"b\":1}", "raw"), headers("tools/call", encoded));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)
                        .path("result")
                        .path("content")
                        .path(0)
                        .path("text")
                        .asText())
                .isEqualTo("2");
    }

    @Test
    void refusesAProtocolVersionHeaderThatDiffersFromTheBody() throws Exception {
        Map<String, String> headers = headers("tools/call", "add");
        headers.put("MCP-Protocol-Version", "2025-11-25");

        HttpResponse<String> response = post(call(4, "add", "{\"a\":2,\"b\":3}", "raw"), headers);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("code").asInt()).isEqualTo(-32020);
    }

    @Test
    void refusesAnUnknownProtocolVersionListingTheVersionsItServes() throws Exception {
        String body = call(5, "add", "{\"a\":2,\"b\":3}", "raw").replace(VERSION, "2099-01-01");
        Map<String, String> headers = headers("tools/call", "add");
        headers.put("MCP-Protocol-Version", "2099-01-01");

        HttpResponse<String> response = post(body, headers);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(-32022);
        assertThat(error.path("data").path("requested").asText()).isEqualTo("2099-01-01");
        assertThat(error.path("data").path("supported").toString()).isEqualTo("[\"2026-07-28\"]");
        assertThat(relay.opened).isEmpty();
    }

    @Test
    void answersAnUnknownMethodWith404AndMethodNotFound() throws Exception {
        String body = request(6, "no/such", "");

        HttpResponse<String> response = post(body, headers("no/such", null));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(json(response).path("id").asInt()).isEqualTo(6);
    }

    @Test
    void streamsProgressBeforeTheAnswerWithoutEventIds() throws Exception {
        HttpResponse<String> response =
                post(call("s1", "slow", "{\"seconds\":0.1}", "raw"), headers("tools/call", "slow"));

        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(response.body().lines()).noneMatch(line -> line.startsWith("id:"));
        assertThat(HttpRawExchange.sseMessages(response.body()))
                .hasSize(2)
                .first()
                .asString()
                .contains("notifications/progress", "\"p-s1\"");
        assertThat(JSON.readTree(HttpRawExchange.sseMessages(response.body()).get(1))
                        .path("id")
                        .asText())
                .isEqualTo("s1");
    }

    @Test
    void keepsConcurrentRequestsWithTheSameIdApart() throws Exception {
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return post(call(7, "slow", "{\"seconds\":1}", "same"), headers("tools/call", "slow"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        HttpResponse<String> added = post(call(7, "add", "{\"a\":20,\"b\":22}", "same"), headers("tools/call", "add"));

        assertThat(json(added)
                        .path("result")
                        .path("content")
                        .path(0)
                        .path("text")
                        .asText())
                .isEqualTo("42");
        String slowAnswer = HttpRawExchange.sseMessages(slow.get().body()).getLast();
        assertThat(JSON.readTree(slowAnswer).path("id").asInt()).isEqualTo(7);
        assertThat(JSON.readTree(slowAnswer)
                        .path("result")
                        .path("content")
                        .path(0)
                        .path("text")
                        .asText())
                .isEqualTo("done");
    }

    @Test
    void sharesOneUpstreamPerClientIdentity() throws Exception {
        post(call(1, "add", "{\"a\":1,\"b\":1}", "alice"), headers("tools/call", "add"));
        post(call(2, "add", "{\"a\":1,\"b\":1}", "alice"), headers("tools/call", "add"));
        post(call(1, "add", "{\"a\":1,\"b\":1}", "bob"), headers("tools/call", "add"));

        assertThat(relay.opened).hasSize(2);
        assertThat(frontEnd.sessionCount()).isEqualTo(2);
    }

    @Test
    void acceptsANotificationWith202() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1,"
                + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + VERSION + "\"}}}";

        HttpResponse<String> response = post(body, headers("notifications/cancelled", null));

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void refusesARequestWithoutProtocolVersionInMetaAsInvalidParams() throws Exception {
        String body =
                call(8, "add", "{\"a\":1,\"b\":1}", "raw").replace("io.modelcontextprotocol/protocolVersion", "x");

        HttpResponse<String> response = post(body, headers("tools/call", "add"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("code").asInt()).isEqualTo(-32602);
    }

    @Test
    void answersInitializeOfTheNewEraWith404() throws Exception {
        String body = request(9, "initialize", "");

        HttpResponse<String> response = post(body, headers("initialize", null));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").path("code").asInt()).isEqualTo(-32601);
    }

    @Test
    void aSubscriptionStreamPassesThroughWithTheClientsIdAsSubscriptionId() throws Exception {
        String body = request("sub-1", "subscriptions/listen", ",\"notifications\":{\"toolsListChanged\":true}");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers("subscriptions/listen", null).forEach(request::header);

        HttpResponse<Stream<String>> response =
                HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
        String first;
        try (Stream<String> lines = response.body()) {
            first = lines.map(line -> HttpRawExchange.sseField(line, "data"))
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElseThrow();
        }

        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        JsonNode acknowledged = JSON.readTree(first);
        assertThat(acknowledged.path("method").asText()).isEqualTo("notifications/subscriptions/acknowledged");
        assertThat(acknowledged
                        .path("params")
                        .path("_meta")
                        .path("io.modelcontextprotocol/subscriptionId")
                        .asText())
                .isEqualTo("sub-1");
    }

    @Test
    void answersMalformedNewEraRequestsWith4xxOnly() throws Exception {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + VERSION + "\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
        List<String> bodies = List.of(
                "{}",
                "[]",
                "null",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":\"x\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"_meta\":null}}",
                "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"tools/call\",\"params\":{" + meta + "}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5,\"params\":{" + meta + "}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{" + meta + ",\"name\":7}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{" + meta);
        Map<String, String> badName = headers("tools/call", "=?base64?!!!?=");

        for (String body : bodies) {
            for (Map<String, String> headers : List.of(headers("tools/call", "add"), badName)) {
                HttpResponse<String> response = post(body, headers);

                assertThat(response.statusCode()).as(body + " with " + headers).isBetween(200, 499);
            }
        }
    }

    @Test
    void refusesABatchWithAClearError() throws Exception {
        String body = "[" + call(1, "add", "{\"a\":1,\"b\":1}", "raw") + "]";

        HttpResponse<String> response = post(body, headers("tools/call", "add"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("code").asInt()).isEqualTo(-32600);
    }
}
