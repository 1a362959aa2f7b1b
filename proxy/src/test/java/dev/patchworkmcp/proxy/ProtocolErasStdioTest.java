package dev.patchworkmcp.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients of both MCP eras use upstreams of both eras over stdio through the real proxy, and file feedback that
 * reaches a real sidecar: the Python {@code mcp} 2.3 client (auto, legacy, pinned to 2026-07-28), the TypeScript SDK
 * 1.32 client and the TypeScript SDK 2.4 client (legacy, auto, pinned), against a Python {@code MCPServer}, a
 * TypeScript v2 server (both eras, or 2026-07-28 only) and the legacy server-everything. One proxy process per test.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ProtocolErasStdioTest {

    private static final String MODERN = "2026-07-28";
    private static final String LEGACY = "2025-11-25";

    @TempDir
    static Path temp;

    private static Sidecar sidecar;

    /** An upstream, the tool the client calls on it, that tool's arguments and the text it answers. */
    private record Upstream(List<String> command, String tool, String arguments, String answer) {

        static Upstream python() {
            return new Upstream(PythonPeers.script("adder_server.py", List.of()), "add", "{\"a\":1,\"b\":2}", "3");
        }

        static Upstream typescriptV2(boolean modernOnly) {
            return new Upstream(NodeV2Peers.adder(modernOnly), "add", "{\"a\":1,\"b\":2}", "3");
        }

        static Upstream everything() {
            return new Upstream(NodePeers.everything(), "echo", "{\"message\":\"hi\"}", "Echo: hi");
        }
    }

    @BeforeAll
    static void startSidecarAndInstallPeers() throws Exception {
        PythonPeers.install();
        NodePeers.install();
        NodeV2Peers.install();
        sidecar =
                Sidecar.start(SidecarConfig.forTests(temp.resolve("sidecar.db")).withPort(0));
    }

    @AfterAll
    static void stopSidecar() {
        sidecar.stop();
    }

    @Test
    void pythonClientInAutoModeSpeaks2026WithAPythonServer() throws Exception {
        JsonNode seen = python("auto", "py-auto-py", Upstream.python());

        assertInstructionsNameTheFeedbackTool(seen);
        assertThat(seen.path("protocolVersion").asText()).isEqualTo(MODERN);
        assertModernAnswers(seen);
        assertReport("py-auto-py", "python-era-client", "2.3.0", MODERN, "add");
    }

    @Test
    void pythonClientInLegacyModeKeepsTheOldEraWithAPythonServer() throws Exception {
        JsonNode seen = python("legacy", "py-legacy-py", Upstream.python());

        assertInstructionsNameTheFeedbackTool(seen);
        assertThat(seen.path("protocolVersion").asText()).isEqualTo(LEGACY);
        assertReport("py-legacy-py", "python-era-client", "2.3.0", LEGACY, "add");
    }

    @Test
    void pythonClientInAutoModeSpeaks2026WithALegacyOnlyServer() throws Exception {
        JsonNode seen = python("auto", "py-auto-everything", Upstream.everything());

        assertInstructionsNameTheFeedbackTool(seen);
        assertThat(seen.path("protocolVersion").asText()).isEqualTo(MODERN);
        assertModernAnswers(seen);
        assertReport("py-auto-everything", "python-era-client", "2.3.0", MODERN, "echo");
    }

    @Test
    void pythonClientPinnedTo2026ReachesALegacyOnlyServer() throws Exception {
        JsonNode seen = python(MODERN, "py-pinned-everything", Upstream.everything());

        assertThat(seen.path("instructions").isNull()).isTrue();
        assertThat(seen.path("protocolVersion").asText()).isEqualTo(MODERN);
        assertModernAnswers(seen);
        assertReport("py-pinned-everything", "python-era-client", "2.3.0", MODERN, "echo");
    }

    @Test
    void pythonClientPinnedTo2026UsesAModernOnlyTypescriptServer() throws Exception {
        JsonNode seen = python(MODERN, "py-pinned-ts-modern", Upstream.typescriptV2(true));

        assertThat(seen.path("instructions").isNull()).isTrue();
        assertModernAnswers(seen);
        assertReport("py-pinned-ts-modern", "python-era-client", "2.3.0", MODERN, "add");
    }

    @Test
    void pythonClientIn2026AnswersALegacyServersElicitationAsInputRequired() throws Exception {
        List<String> client = PythonPeers.script("elicit_client.py", List.of("auto", "trigger-elicitation-request"));
        client.addAll(proxy("py-elicit-everything", Upstream.everything()));

        JsonNode seen = JsonRpcPeer.JSON.readTree(
                run(client, PythonPeers.DIR).lines().reduce((a, b) -> b).orElseThrow());

        assertThat(seen.path("protocolVersion").asText()).isEqualTo(MODERN);
        assertThat(seen.path("asked").toString()).contains("Please provide inputs");
        assertThat(seen.path("result").path("isError").asBoolean()).isFalse();
        assertThat(seen.path("result").toString()).contains("Name: Ada Lovelace");
    }

    @Test
    void typescriptV1ClientReachesAModernOnlyServer() throws Exception {
        Upstream upstream = Upstream.typescriptV2(true);

        JsonNode seen = node(
                NodePeers.script("era-client.mjs", List.of(upstream.tool(), upstream.arguments())),
                NodePeers.DIR,
                "ts1-ts-modern",
                upstream);

        assertInstructionsNameTheFeedbackTool(seen);
        assertThat(seen.path("feedback").has("resultType")).isFalse();
        assertReport("ts1-ts-modern", "ts-sdk-v1-era-client", "1.32.2", LEGACY, "add");
    }

    @Test
    void typescriptV1ClientAnswersAModernOnlyServersInputRequiredAsAnElicitation() throws Exception {
        List<String> client = new ArrayList<>(NodePeers.script("elicit-client.mjs", List.of("greet")));
        client.add(JsonRpcPeer.JSON.writeValueAsString(proxy("ts1-elicit-ts-modern", Upstream.typescriptV2(true))));

        JsonNode seen = JsonRpcPeer.JSON.readTree(
                run(client, NodePeers.DIR).lines().reduce((a, b) -> b).orElseThrow());

        assertThat(seen.path("asked").toString()).contains("What is your name?");
        assertThat(seen.path("result").path("content").get(0).path("text").asText())
                .isEqualTo("Hello, Ada!");
    }

    @Test
    void typescriptV2ClientInAutoModeSpeaks2026WithAV2Server() throws Exception {
        JsonNode seen = typescriptV2("auto", "ts2-auto-ts", Upstream.typescriptV2(false));

        assertInstructionsNameTheFeedbackTool(seen);
        assertThat(seen.path("era").asText()).isEqualTo("modern");
        assertReport("ts2-auto-ts", "ts-sdk-v2-era-client", "2.4.0", MODERN, "add");
    }

    @Test
    void typescriptV2ClientInLegacyModeReachesAModernOnlyServer() throws Exception {
        JsonNode seen = typescriptV2("legacy", "ts2-legacy-ts-modern", Upstream.typescriptV2(true));

        assertInstructionsNameTheFeedbackTool(seen);
        assertThat(seen.path("era").asText()).isEqualTo("legacy");
        assertReport("ts2-legacy-ts-modern", "ts-sdk-v2-era-client", "2.4.0", LEGACY, "add");
    }

    @Test
    void typescriptV2ClientPinnedTo2026ReachesALegacyOnlyServer() throws Exception {
        JsonNode seen = typescriptV2(MODERN, "ts2-pinned-everything", Upstream.everything());

        assertInstructionsNameTheFeedbackTool(seen);
        assertThat(seen.path("era").asText()).isEqualTo("modern");
        assertReport("ts2-pinned-everything", "ts-sdk-v2-era-client", "2.4.0", MODERN, "echo");
    }

    private JsonNode python(String mode, String name, Upstream upstream) throws Exception {
        List<String> client = PythonPeers.script("era_client.py", List.of(mode, upstream.tool(), upstream.arguments()));
        client.addAll(proxy(name, upstream));
        return seen(run(client, PythonPeers.DIR), upstream);
    }

    private JsonNode typescriptV2(String mode, String name, Upstream upstream) throws Exception {
        return node(
                NodeV2Peers.script("era-client.mjs", List.of(mode, upstream.tool(), upstream.arguments())),
                NodeV2Peers.DIR,
                name,
                upstream);
    }

    private JsonNode node(List<String> client, Path directory, String name, Upstream upstream) throws Exception {
        List<String> command = new ArrayList<>(client);
        command.add(JsonRpcPeer.JSON.writeValueAsString(proxy(name, upstream)));
        return seen(run(command, directory), upstream);
    }

    private static List<String> proxy(String name, Upstream upstream) {
        return ProxyLauncher.command(
                List.of(
                        "--name",
                        name,
                        "--sidecar",
                        SidecarApi.url(sidecar),
                        "--outbox",
                        temp.resolve("outbox-" + name).toString()),
                upstream.command());
    }

    /**
     * The sentence naming the feedback tool reached the client, through {@code initialize} or
     * {@code server/discover}. (A Python client pinned to a version sends neither: it has no instructions at all.)
     */
    private static void assertInstructionsNameTheFeedbackTool(JsonNode seen) {
        assertThat(seen.path("instructions").asText()).contains("feedback tool");
    }

    /** What every client saw, whatever the eras: the tools, the upstream's answer, the feedback answers. */
    private static JsonNode seen(String output, Upstream upstream) throws Exception {
        JsonNode seen =
                JsonRpcPeer.JSON.readTree(output.lines().reduce((a, b) -> b).orElseThrow());
        JsonNode tools = seen.path("tools");
        assertThat(tools.get(tools.size() - 1).asText()).isEqualTo("feedback");
        assertThat(seen.path("call").path("content").get(0).path("text").asText())
                .isEqualTo(upstream.answer());
        assertThat(seen.path("feedback").path("isError").asBoolean()).isFalse();
        assertThat(seen.path("feedback").path("content").get(0).path("text").asText())
                .startsWith("Recorded");
        assertThat(seen.path("invalid").path("isError").asBoolean()).isTrue();
        assertThat(seen.path("invalid").toString()).contains("what_i_tried");
        return seen;
    }

    private static void assertModernAnswers(JsonNode seen) {
        assertThat(seen.path("feedback").path("resultType").asText()).isEqualTo("complete");
        assertThat(seen.path("invalid").path("resultType").asText()).isEqualTo("complete");
    }

    private static void assertReport(String name, String client, String version, String protocol, String tool)
            throws Exception {
        JsonNode report = SidecarApi.awaitFeedback(sidecar, name, items -> items.size() == 1)
                .get(0);

        assertThat(report.path("client_name").asText()).isEqualTo(client);
        assertThat(report.path("client_version").asText()).isEqualTo(version);
        assertThat(report.path("protocol_version").asText()).isEqualTo(protocol);
        assertThat(report.path("session_id").asText()).hasSize(36);
        JsonNode calls = report.path("context").path("recent_calls");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).path("tool").asText()).isEqualTo(tool);
        assertThat(calls.get(0).path("is_error").asBoolean()).isFalse();
    }

    private static String run(List<String> command, Path directory) throws Exception {
        return ClientRun.output(command, directory, temp);
    }
}
