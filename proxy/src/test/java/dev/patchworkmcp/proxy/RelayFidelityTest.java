package dev.patchworkmcp.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.contract.FeedbackToolContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy is a faithful relay: the same requests sent to server-everything directly and through the proxy
 * get the same answers, except for the feedback tool and the instructions sentence it adds.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RelayFidelityTest {

    private static final FeedbackToolContract CONTRACT = FeedbackToolContract.load();

    @TempDir
    Path temp;

    private JsonRpcPeer direct;
    private JsonRpcPeer proxied;

    @BeforeAll
    static void installPeers() throws Exception {
        NodePeers.install();
    }

    @BeforeEach
    void startBoth() throws Exception {
        direct = JsonRpcPeer.start(NodePeers.everything(), temp.resolve("direct.err"));
        proxied = JsonRpcPeer.start(
                ProxyLauncher.command(
                        List.of("--outbox", temp.resolve("outbox").toString(), "--sidecar", "http://127.0.0.1:9"),
                        NodePeers.everything()),
                temp.resolve("proxy.err"));
    }

    @AfterEach
    void stopBoth() {
        direct.close();
        proxied.close();
    }

    @Test
    void toolsReachTheClientByteForBytePlusTheFeedbackTool() throws Exception {
        direct.initialize(null);
        proxied.initialize(null);

        JsonNode directList = direct.request(2, "tools/list", null);
        JsonNode proxiedList = proxied.request(2, "tools/list", null);

        ArrayNode directTools = (ArrayNode) directList.path("result").path("tools");
        ArrayNode proxiedTools = (ArrayNode) proxiedList.path("result").path("tools");
        assertThat(proxiedTools).hasSize(directTools.size() + 1);
        List<JsonNode> upstreamPart = new ArrayList<>();
        proxiedTools.forEach(upstreamPart::add);
        JsonNode ours = upstreamPart.remove(upstreamPart.size() - 1);
        assertThat(upstreamPart).containsExactlyElementsOf(directTools);
        assertThat(ours.path("name").asText()).isEqualTo("feedback");
        assertThat(ours.path("description").asText()).isEqualTo(CONTRACT.description());
        assertThat(ours.path("inputSchema")).isEqualTo(CONTRACT.inputSchema());
        String directLine = lineWithId(direct, 2);
        String proxiedLine = lineWithId(proxied, 2);
        assertThat(proxiedLine.replace("," + JsonRpcPeer.JSON.writeValueAsString(ours), ""))
                .isEqualTo(directLine);
    }

    @Test
    void initializeAddsOnlyTheInstructionsSentence() throws Exception {
        JsonNode directInit = direct.initialize(null).path("result");
        JsonNode proxiedInit = proxied.initialize(null).path("result");

        assertThat(proxiedInit.path("instructions").asText())
                .startsWith(directInit.path("instructions").asText().stripTrailing())
                .contains("feedback tool");
        ((ObjectNode) directInit).remove("instructions");
        ((ObjectNode) proxiedInit).remove("instructions");
        assertThat(proxiedInit).isEqualTo(directInit);
        assertThat(proxiedInit.path("capabilities").has("tools")).isTrue();
    }

    @Test
    void resourcesAndPromptsAnswerAsDirect() throws Exception {
        direct.initialize(null);
        proxied.initialize(null);

        for (String method : List.of("resources/list", "resources/templates/list", "prompts/list")) {
            assertThat(proxied.request(method, null).path("result"))
                    .as(method)
                    .isEqualTo(direct.request(method, null).path("result"));
        }
        String uri = direct.request("resources/list", null)
                .path("result")
                .path("resources")
                .get(0)
                .path("uri")
                .asText();
        ObjectNode read = JsonRpcPeer.JSON.createObjectNode().put("uri", uri);
        assertThat(proxied.request("resources/read", read).path("result"))
                .isEqualTo(direct.request("resources/read", read).path("result"));
        String prompt = direct.request("prompts/list", null)
                .path("result")
                .path("prompts")
                .get(0)
                .path("name")
                .asText();
        ObjectNode get = JsonRpcPeer.JSON.createObjectNode().put("name", prompt);
        assertThat(proxied.request("prompts/get", get).path("result"))
                .isEqualTo(direct.request("prompts/get", get).path("result"));
    }

    @Test
    void relaysProgressNotificationsLikeDirect() throws Exception {
        direct.initialize(null);
        proxied.initialize(null);

        List<JsonNode> directProgress = longOperationProgress(direct);
        List<JsonNode> proxiedProgress = longOperationProgress(proxied);

        assertThat(proxiedProgress).hasSize(3).isEqualTo(directProgress);
    }

    @Test
    void relaysCancellationSoTheUpstreamDropsTheResponse() throws Exception {
        direct.initialize(null);
        proxied.initialize(null);

        boolean directAnswered = answeredAfterCancel(direct);
        boolean proxiedAnswered = answeredAfterCancel(proxied);

        assertThat(directAnswered).isFalse();
        assertThat(proxiedAnswered).isEqualTo(directAnswered);
    }

    @Test
    void relaysLogNotificationsAfterLoggingSetLevel() throws Exception {
        proxied.initialize(null);

        JsonNode setLevel = proxied.request(
                "logging/setLevel", JsonRpcPeer.JSON.createObjectNode().put("level", "debug"));
        proxied.request("tools/call", call("toggle-simulated-logging", JsonRpcPeer.JSON.createObjectNode()));

        assertThat(setLevel.has("result")).isTrue();
        JsonNode log = proxied.await(
                m -> "notifications/message".equals(m.path("method").asText()));
        assertThat(log.path("params").has("level")).isTrue();
    }

    @Test
    void relaysServerToClientSamplingRequestsAndTheirAnswers() throws Exception {
        ObjectNode capabilities = JsonRpcPeer.JSON.createObjectNode();
        capabilities.putObject("sampling");
        proxied.initialize(capabilities);

        proxied.sendRequest(
                77,
                "tools/call",
                call(
                        "trigger-sampling-request",
                        JsonRpcPeer.JSON
                                .createObjectNode()
                                .put("prompt", "say hi")
                                .put("maxTokens", 5)));
        JsonNode sampling = proxied.await(
                m -> "sampling/createMessage".equals(m.path("method").asText()));
        ObjectNode answer = JsonRpcPeer.JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", sampling.path("id"));
        ObjectNode result = answer.putObject("result").put("role", "assistant").put("model", "test-model");
        result.putObject("content").put("type", "text").put("text", "hi from the client");
        proxied.send(answer);

        JsonNode toolResult = proxied.await(m -> m.path("id").asInt() == 77 && m.has("result"));
        assertThat(toolResult.toString()).contains("hi from the client");
    }

    @Test
    void writesNothingButJsonRpcToStdout() throws Exception {
        proxied.initialize(null);
        proxied.request("tools/list", null);
        proxied.request(
                "tools/call", call("echo", JsonRpcPeer.JSON.createObjectNode().put("message", "x")));
        proxied.request(
                "tools/call",
                call("feedback", JsonRpcPeer.JSON.createObjectNode().put("gap_type", "nope")));
        proxied.request("tools/call", call("get-env", JsonRpcPeer.JSON.createObjectNode()));

        proxied.closeStdin();
        List<String> lines = proxied.awaitEndOfOutput();

        assertThat(lines).hasSizeGreaterThanOrEqualTo(5);
        for (String line : lines) {
            JsonNode message = JsonRpcPeer.JSON.readTree(line);
            assertThat(message.isObject()).as(line).isTrue();
            assertThat(message.path("jsonrpc").asText()).as(line).isEqualTo("2.0");
        }
    }

    private static List<JsonNode> longOperationProgress(JsonRpcPeer peer) throws Exception {
        ObjectNode params = call(
                "trigger-long-running-operation",
                JsonRpcPeer.JSON.createObjectNode().put("duration", 0.3).put("steps", 3));
        params.putObject("_meta").put("progressToken", "tok-1");
        JsonNode response = peer.request(41, "tools/call", params);
        assertThat(response.path("result").path("content").toString()).contains("completed");
        return peer.awaitCount(
                m -> "notifications/progress".equals(m.path("method").asText()), 3);
    }

    /** Cancels a long call after its first progress; true if a response to it arrived before a later ping's. */
    private static boolean answeredAfterCancel(JsonRpcPeer peer) throws Exception {
        ObjectNode params = call(
                "trigger-long-running-operation",
                JsonRpcPeer.JSON.createObjectNode().put("duration", 0.6).put("steps", 3));
        params.putObject("_meta").put("progressToken", "tok-cancel");
        peer.sendRequest(51, "tools/call", params);
        peer.await(m -> "notifications/progress".equals(m.path("method").asText()));
        peer.notify(
                "notifications/cancelled",
                JsonRpcPeer.JSON.createObjectNode().put("requestId", 51).put("reason", "test"));
        peer.awaitCount(m -> "notifications/progress".equals(m.path("method").asText()), 3);
        peer.request(52, "ping", null);
        return peer.messages().stream().anyMatch(m -> m.path("id").asInt() == 51 && !m.has("method"));
    }

    static ObjectNode call(String tool, JsonNode arguments) {
        ObjectNode params = JsonRpcPeer.JSON.createObjectNode().put("name", tool);
        params.set("arguments", arguments);
        return params;
    }

    private static String lineWithId(JsonRpcPeer peer, int id) throws Exception {
        for (String line : peer.lines()) {
            JsonNode message = JsonRpcPeer.JSON.readTree(line);
            if (message.path("id").asInt() == id && !message.has("method")) {
                return line;
            }
        }
        throw new AssertionError("no line with id " + id);
    }
}
