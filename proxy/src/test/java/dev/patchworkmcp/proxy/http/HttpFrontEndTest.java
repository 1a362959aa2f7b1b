package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP front end with real clients (the MCP Java SDK, raw HTTP) and a real upstream child per session. */
class HttpFrontEndTest {
    private HttpFrontEnd frontEnd;
    private HttpTestRelay relay;

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
        relay = HttpTestRelay.everythingOverStdio();
        frontEnd = HttpFrontEnd.start(options.withPort(0), relay, HttpTestRelay.JSON);
        return "http://127.0.0.1:" + frontEnd.port();
    }

    private static McpSyncClient client(McpClientTransport transport) {
        McpSyncClient client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
        return client;
    }

    private static String echo(McpSyncClient client, String message) {
        McpSchema.CallToolResult result =
                client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", message)));
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    @Test
    @Timeout(60)
    void javaSdkClientListsAndCallsToolsOverStreamableHttp() {
        String base = start(HttpFrontEndOptions.defaults());

        try (McpSyncClient client = client(
                HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp").build())) {
            List<String> tools = client.listTools().tools().stream()
                    .map(McpSchema.Tool::name)
                    .toList();

            assertThat(tools).contains("echo", "get-sum", "trigger-long-running-operation");
            assertThat(echo(client, "over streamable http")).isEqualTo("Echo: over streamable http");
        }
    }

    @Test
    @Timeout(60)
    void javaSdkClientListsAndCallsToolsOverLegacySse() {
        String base = start(HttpFrontEndOptions.defaults());

        try (McpSyncClient client = client(
                HttpClientSseClientTransport.builder(base).sseEndpoint("/sse").build())) {
            List<String> tools = client.listTools().tools().stream()
                    .map(McpSchema.Tool::name)
                    .toList();

            assertThat(tools).contains("echo");
            assertThat(echo(client, "over sse")).isEqualTo("Echo: over sse");
        }
    }

    @Test
    @Timeout(60)
    void serverToClientSamplingRequestReachesTheClientAndItsAnswerTheServer() {
        String base = start(HttpFrontEndOptions.defaults());
        McpSyncClient client = McpClient.sync(
                        HttpClientStreamableHttpTransport.builder(base).build())
                .requestTimeout(Duration.ofSeconds(20))
                .capabilities(McpSchema.ClientCapabilities.builder().sampling().build())
                .sampling(request -> McpSchema.CreateMessageResult.builder()
                        .role(McpSchema.Role.ASSISTANT)
                        .content(new McpSchema.TextContent("sampled by the test client"))
                        .model("test-model")
                        .build())
                .build();
        try (client) {
            client.initialize();

            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(
                    "trigger-sampling-request", Map.of("prompt", "hello", "maxTokens", 10)));

            assertThat(result.toString()).contains("sampled by the test client");
        }
    }

    @Test
    @Timeout(60)
    void eachSessionGetsItsOwnUpstreamChild() {
        String base = start(HttpFrontEndOptions.defaults());

        try (McpSyncClient first =
                        client(HttpClientStreamableHttpTransport.builder(base).build());
                McpSyncClient second =
                        client(HttpClientStreamableHttpTransport.builder(base).build())) {
            echo(first, "one");
            echo(second, "two");

            assertThat(relay.processes()).hasSize(2).allMatch(Process::isAlive);
            assertThat(relay.sessionIds).doesNotHaveDuplicates().doesNotContainNull();
        }
    }

    @Test
    @Timeout(60)
    void deletingTheSessionStopsItsUpstreamChild() throws Exception {
        String url = start(HttpFrontEndOptions.defaults()) + "/mcp";
        String session = HttpRawExchange.initialize(url, Map.of());

        HttpResponse<String> deleted = HttpRawExchange.delete(url, Map.of("Mcp-Session-Id", session));

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(relay.processes().getFirst().waitFor(10, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> after = HttpRawExchange.post(url, ping(2), Map.of("Mcp-Session-Id", session));
        assertThat(after.statusCode()).isEqualTo(404);
    }

    @Test
    @Timeout(60)
    void idleSessionExpiresAndItsUpstreamChildStops() throws Exception {
        String url = start(HttpFrontEndOptions.defaults().withSessionIdleTimeout(Duration.ofMillis(300))) + "/mcp";
        String session = HttpRawExchange.initialize(url, Map.of());
        Process child = relay.processes().getFirst();

        awaitTrue(() -> !child.isAlive() && frontEnd.sessionCount() == 0, Duration.ofSeconds(20));

        assertThat(HttpRawExchange.post(url, ping(2), Map.of("Mcp-Session-Id", session))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @Timeout(60)
    void requestsWithoutTheBearerTokenAreRefused() throws Exception {
        String url = start(HttpFrontEndOptions.defaults().withBearerToken("s3cret-token")) + "/mcp";

        HttpResponse<String> missing = HttpRawExchange.post(url, HttpRawExchange.INITIALIZE, Map.of());
        HttpResponse<String> wrong =
                HttpRawExchange.post(url, HttpRawExchange.INITIALIZE, Map.of("Authorization", "Bearer s3cret-tokeN"));
        HttpResponse<String> right =
                HttpRawExchange.post(url, HttpRawExchange.INITIALIZE, Map.of("Authorization", "Bearer s3cret-token"));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Bearer"));
        assertThat(missing.body()).doesNotContain("s3cret");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(relay.opened).hasSize(1);
    }

    @Test
    @Timeout(60)
    void foreignHostOrOriginIsRefusedAsDnsRebinding() throws Exception {
        start(HttpFrontEndOptions.defaults());
        int port = frontEnd.port();

        int evilHost = HttpRawExchange.statusWithHost(port, "evil.example.com", null, HttpRawExchange.INITIALIZE);
        int evilOrigin = HttpRawExchange.statusWithHost(
                port, "127.0.0.1:" + port, "http://evil.example.com", HttpRawExchange.INITIALIZE);
        int local = HttpRawExchange.statusWithHost(
                port, "localhost:" + port, "http://localhost:" + port, HttpRawExchange.INITIALIZE);

        assertThat(evilHost).isEqualTo(403);
        assertThat(evilOrigin).isEqualTo(403);
        assertThat(local).isEqualTo(200);
        assertThat(relay.opened).hasSize(1);
    }

    @Test
    @Timeout(60)
    void clientAcceptingOnlyJsonGetsAJsonAnswer() throws Exception {
        String url = start(HttpFrontEndOptions.defaults()) + "/mcp";
        String session = HttpRawExchange.initialize(url, Map.of());

        HttpResponse<String> answer =
                HttpRawExchange.post(url, ping(7), Map.of("Mcp-Session-Id", session, "Accept", "application/json"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(answer.body()).isEqualTo("{\"result\":{},\"jsonrpc\":\"2.0\",\"id\":7}");
    }

    @Test
    @Timeout(60)
    void progressNotificationsStreamOnThePostThatAskedForThem() throws Exception {
        String url = start(HttpFrontEndOptions.defaults()) + "/mcp";
        String session = HttpRawExchange.initialize(url, Map.of());
        String call = """
                {"jsonrpc":"2.0","id":"call-1","method":"tools/call","params":{"name":"trigger-long-running-operation",\
                "arguments":{"duration":0.3,"steps":3},"_meta":{"progressToken":"tok-1"}}}""";

        HttpResponse<String> answer = HttpRawExchange.post(url, call, Map.of("Mcp-Session-Id", session));

        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<String> messages = HttpRawExchange.sseMessages(answer.body());
        // server-everything may announce a tool list change while the call runs; with no GET stream open it
        // rides on this POST, so only the progress notifications and the answer are counted.
        List<String> progress = messages.stream()
                .filter(m -> m.contains("notifications/progress"))
                .toList();
        assertThat(progress).hasSize(3).allMatch(m -> m.contains("tok-1"));
        assertThat(progress.get(0)).contains("\"progress\":1");
        assertThat(progress.get(2)).contains("\"progress\":3");
        assertThat(messages.getLast()).contains("\"id\":\"call-1\"", "Long running operation completed");
        assertThat(messages.subList(0, messages.size() - 1))
                .as("everything before the answer is a notification")
                .allMatch(m -> m.contains("\"method\":\"notifications/") && !m.contains("\"id\""));
    }

    @Test
    @Timeout(60)
    void requestWithoutSessionIsRefusedWithAClearMessage() throws Exception {
        String url = start(HttpFrontEndOptions.defaults()) + "/mcp";

        HttpResponse<String> answer = HttpRawExchange.post(url, ping(3), Map.of());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("Mcp-Session-Id", "initialize");
        assertThat(relay.opened).isEmpty();
    }

    private static String ping(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}";
    }

    static void awaitTrue(BooleanSupplier condition, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + limit);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
