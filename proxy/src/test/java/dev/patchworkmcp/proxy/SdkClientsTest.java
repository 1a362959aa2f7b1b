package dev.patchworkmcp.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.proxy.outbox.Outbox;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real MCP clients (Java SDK, TypeScript SDK, Inspector CLI) use server-everything through the proxy. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SdkClientsTest {

    @TempDir
    Path temp;

    @BeforeAll
    static void installPeers() throws Exception {
        NodePeers.install();
    }

    private List<String> proxyCommand() {
        return ProxyLauncher.command(
                List.of(
                        "--sidecar",
                        "http://127.0.0.1:9",
                        "--outbox",
                        temp.resolve("outbox").toString()),
                NodePeers.everything());
    }

    @Test
    void javaSdkClientListsCallsAndReportsThroughTheProxy() throws Exception {
        List<String> command = proxyCommand();
        ServerParameters parameters = ServerParameters.builder(command.get(0))
                .args(command.subList(1, command.size()))
                .build();
        StdioClientTransport transport =
                new StdioClientTransport(parameters, new JacksonMcpJsonMapper(JsonRpcPeer.JSON));
        transport.setStdErrorHandler(line -> {});
        try (McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(60))
                .clientInfo(new McpSchema.Implementation("java-sdk-test-client", "2.1.0"))
                .build()) {
            McpSchema.InitializeResult init = client.initialize();
            List<String> names = client.listTools().tools().stream()
                    .map(McpSchema.Tool::name)
                    .toList();
            McpSchema.CallToolResult echo =
                    client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "from java")));
            McpSchema.CallToolResult feedback = client.callTool(new McpSchema.CallToolRequest(
                    "feedback",
                    Map.of("what_i_needed", "x", "what_i_tried", "echo", "gap_type", "incomplete_results")));

            assertThat(init.instructions()).contains("feedback tool");
            assertThat(names).contains("echo", "get-sum").last().isEqualTo("feedback");
            assertThat(((McpSchema.TextContent) echo.content().get(0)).text()).isEqualTo("Echo: from java");
            assertThat(feedback.isError()).isFalse();
            assertThat(((McpSchema.TextContent) feedback.content().get(0)).text())
                    .startsWith("Recorded");
            String stored = Files.readString(
                    new Outbox(temp.resolve("outbox")).pending().get(0));
            assertThat(stored).contains("\"client_name\":\"java-sdk-test-client\"", "\"client_version\":\"2.1.0\"");
        }
    }

    @Test
    void typescriptSdkClientListsCallsAndReportsThroughTheProxy() throws Exception {
        String output = runNode(
                NodePeers.script("ts-client.mjs", List.of(JsonRpcPeer.JSON.writeValueAsString(proxyCommand()))));

        JsonNode seen =
                JsonRpcPeer.JSON.readTree(output.lines().reduce((a, b) -> b).orElseThrow());
        assertThat(seen.path("instructions").asText()).contains("feedback tool");
        assertThat(seen.path("tools").get(seen.path("tools").size() - 1).asText())
                .isEqualTo("feedback");
        assertThat(seen.path("echo").toString()).contains("Echo: from typescript");
        assertThat(seen.path("feedback").path("isError").asBoolean()).isFalse();
        assertThat(seen.path("invalid").path("isError").asBoolean()).isTrue();
        assertThat(seen.path("invalid").toString()).contains("what_i_tried");
        String stored =
                Files.readString(new Outbox(temp.resolve("outbox")).pending().get(0));
        assertThat(stored).contains("\"client_name\":\"ts-sdk-test-client\"");
    }

    @Test
    void inspectorCliSeesTheFeedbackToolAndCallsIt() throws Exception {
        // Written the way its README shows it: the proxy's own options, then '--' and the server. The Inspector
        // CLI keeps the options but drops that '--', so the proxy receives '... --outbox <dir> node ...'.
        List<String> tools = inspectorCommand(List.of("--method", "tools/list"));
        List<String> call = inspectorCommand(List.of(
                "--method",
                "tools/call",
                "--tool-name",
                "feedback",
                "--tool-arg",
                "what_i_needed=a bulk export",
                "what_i_tried=echo",
                "gap_type=missing_tool"));

        JsonNode listed = JsonRpcPeer.JSON.readTree(runInspector(tools)).path("tools");
        JsonNode result = JsonRpcPeer.JSON.readTree(runInspector(call));

        assertThat(listed.get(listed.size() - 1).path("name").asText()).isEqualTo("feedback");
        assertThat(result.path("isError").asBoolean()).isFalse();
        assertThat(result.path("content").get(0).path("text").asText()).startsWith("Recorded");
    }

    private List<String> inspectorCommand(List<String> inspectorOptions) {
        List<String> command = new ArrayList<>(
                List.of("node", NodePeers.module("inspector-cli/build/index.js").toString()));
        List<String> proxy = proxyCommand();
        int separator = proxy.indexOf("--");
        command.addAll(proxy.subList(0, separator));
        command.addAll(inspectorOptions);
        command.addAll(proxy.subList(separator, proxy.size()));
        return command;
    }

    private String runInspector(List<String> command) throws Exception {
        // inspector-cli 1.0.3 looks for its package.json relative to the working directory.
        return runNode(command, NodePeers.module("inspector-cli/build"));
    }

    private String runNode(List<String> command) throws Exception {
        return runNode(command, NodePeers.DIR);
    }

    private String runNode(List<String> command, Path directory) throws Exception {
        return ClientRun.output(command, directory, temp);
    }
}
