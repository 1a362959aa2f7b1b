package dev.patchworkmcp.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.contract.FeedbackToolContract;
import dev.patchworkmcp.proxy.replay.ReplayCommand;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example server (MCP Java SDK + the drop-in) as a child process, driven over stdio by the SDK's client,
 * reporting to a real sidecar.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FeedbackToolStdioTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> ALL_FIELDS = Map.of(
            "what_i_needed", "Export invoices as CSV",
            "what_i_tried", "list_invoices then get_invoice per id",
            "gap_type", "wrong_format",
            "suggestion", "export_invoices(month, format)",
            "user_goal", "Send invoices to the accountant",
            "resolution", "worked_around",
            "tools_available", List.of("echo", "list_invoices"),
            "agent_model", "claude-sonnet-4-5",
            "session_id", "sess-java-1",
            "client_type", "claude-code");

    @TempDir
    Path dir;

    private Sidecar sidecar;
    private McpSyncClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.closeGracefully();
        }
        if (sidecar != null) {
            sidecar.stop();
        }
    }

    @Test
    void listsTheFeedbackToolWithTheContractSchema() {
        client = connect("http://127.0.0.1:" + freePort());

        McpSchema.Tool tool = client.listTools().tools().stream()
                .filter(t -> t.name().equals("feedback"))
                .findFirst()
                .orElseThrow();

        FeedbackToolContract contract = FeedbackToolContract.load();
        assertThat(tool.title()).isEqualTo(contract.title());
        assertThat(tool.description()).isEqualTo(contract.description());
        assertThat((JsonNode) JSON.valueToTree(tool.inputSchema())).isEqualTo(contract.inputSchema());
    }

    @Test
    void storesEveryFieldOfAReport() throws Exception {
        sidecar = Sidecar.start(SidecarConfig.forTests(dir.resolve("feedback.db")));
        client = connect(sidecarUrl() + "/");

        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("feedback", ALL_FIELDS));

        assertThat(result.isError()).isFalse();
        JsonNode items = list("java-example");
        assertThat(items).hasSize(1);
        JsonNode item = items.get(0);
        ALL_FIELDS.forEach(
                (field, value) -> assertThat(item.get(field)).as(field).isEqualTo(JSON.valueToTree(value)));
        assertThat(item.get("server_name").asText()).isEqualTo("java-example");
        assertThat(item.get("source").asText()).isEqualTo("dropin-java");
        assertThat(item.get("user_agent").asText()).isEqualTo("PatchworkMCP-Java/2.0");
        assertThat(item.get("client_name").asText()).isEqualTo("dropin-java-test");
    }

    @Test
    void spoolsWhenTheSidecarIsDownAndReplayDeliversItExactlyOnce() throws Exception {
        int port = freePort();
        client = connect("http://127.0.0.1:" + port);

        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("feedback", ALL_FIELDS));

        assertThat(result.isError()).isTrue();
        assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("saved for replay");
        Path spool = dir.resolve("spool.jsonl");
        List<String> lines = Files.readAllLines(spool);
        assertThat(lines).hasSize(1);
        assertThat(JSON.readTree(lines.get(0)).get("idempotency_key").asText()).isNotBlank();

        sidecar = Sidecar.start(SidecarConfig.forTests(dir.resolve("feedback.db")));
        Files.writeString(spool, lines.get(0) + "\n" + lines.get(0) + "\n");
        int first = replay(spool);
        Files.writeString(spool, lines.get(0) + "\n");
        int second = replay(spool);

        assertThat(first).isZero();
        assertThat(second).isZero();
        assertThat(Files.readString(spool)).isEmpty();
        assertThat(list("java-example")).hasSize(1);
    }

    private McpSyncClient connect(String sidecarUrl) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters server = ServerParameters.builder(java)
                .args("-cp", System.getProperty("java.class.path"), ExampleServer.class.getName())
                .env(Map.of(
                        "FEEDBACK_SIDECAR_URL",
                        sidecarUrl,
                        "FEEDBACK_SPOOL_PATH",
                        dir.resolve("spool.jsonl").toString()))
                .build();
        StdioClientTransport transport = new StdioClientTransport(server, McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(line -> System.err.println("[example-server] " + line));
        McpSyncClient mcp = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("dropin-java-test", "1.0"))
                .requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(30))
                .build();
        mcp.initialize();
        return mcp;
    }

    private String sidecarUrl() {
        return "http://127.0.0.1:" + sidecar.port();
    }

    private int replay(Path spool) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return ReplayCommand.run(
                new String[] {spool.toString()}, Map.of("FEEDBACK_SIDECAR_URL", sidecarUrl()), sink, sink);
    }

    private JsonNode list(String serverName) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sidecarUrl() + "/api/feedback?server_name=" + serverName))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
