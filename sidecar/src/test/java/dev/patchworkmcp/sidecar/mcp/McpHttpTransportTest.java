package dev.patchworkmcp.sidecar.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.webserver.WebServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class McpHttpTransportTest {
    private WebServer server;
    private McpStatelessSyncServer mcp;

    @BeforeEach
    void startAnEchoServer() {
        McpHttpTransport transport = new McpHttpTransport(
                McpJsonDefaults.getMapper(),
                Optional.of("admin-secret"),
                new McpSchema.Implementation("test", "1"),
                "Echoes text.");
        mcp = McpServer.sync(transport)
                .serverInfo("test", "1")
                .immediateExecution(true)
                .jsonSchemaValidator(new ArgumentsCheckedByTools())
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .toolCall(
                        McpSchema.Tool.builder()
                                .name("echo")
                                .description("Echoes its text")
                                .inputSchema(McpJsonDefaults.getMapper(), """
                                        {"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}""")
                                .build(),
                        (context, request) -> McpSchema.CallToolResult.builder()
                                .addTextContent("echo: " + request.arguments().get("text"))
                                .build())
                .build();
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.register("/mcp", transport))
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        mcp.close();
        server.stop();
    }

    private McpSyncClient client(String key) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(
                        "http://127.0.0.1:" + server.port())
                .endpoint("/mcp")
                .httpRequestCustomizer(
                        (builder, method, uri, body, context) -> builder.header("Authorization", "Bearer " + key))
                .build();
        return McpClient.sync(transport).build();
    }

    @Test
    void servesToolsToTheSdkClientOverStreamableHttp() {
        try (McpSyncClient client = client("admin-secret")) {
            client.initialize();

            McpSchema.ListToolsResult tools = client.listTools();
            McpSchema.CallToolResult result =
                    client.callTool(new McpSchema.CallToolRequest("echo", Map.of("text", "hi")));

            assertThat(tools.tools()).extracting(McpSchema.Tool::name).containsExactly("echo");
            assertThat(((McpSchema.TextContent) result.content().getFirst()).text())
                    .isEqualTo("echo: hi");
        }
    }

    @Test
    void refusesAClientWithoutTheAdminKey() {
        try (McpSyncClient client = client("wrong")) {
            assertThatThrownBy(client::initialize).isNotNull();
        }
    }

    @Test
    void answersUnauthorizedWithAReasonAndRefusesForeignOrigins() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/mcp"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));

        HttpResponse<String> noKey = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> foreign = http.send(
                post.header("Authorization", "Bearer admin-secret")
                        .header("Origin", "https://evil.example")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.body()).contains("FEEDBACK_ADMIN_KEY");
        assertThat(foreign.statusCode()).isEqualTo(403);
    }
}
