package dev.patchworkmcp.proxy.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.proxy.outbox.Outbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the relay does to messages of the 2026-07-28 era, and how it bridges the eras, played with the
 * specification's own example messages ({@code src/test/resources/spec-2026-07-28}) between in-memory ends. The
 * real SDK peers of both eras are in {@code ProtocolErasStdioTest}.
 */
class EraRewritingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENTENCE_START = "This server also offers a feedback tool";

    @TempDir
    Path temp;

    private final RecordingChannel client = new RecordingChannel();
    private final RecordingChannel upstream = new RecordingChannel();

    private void startSession() {
        TestSessions.start(client, upstream, temp, "era-server", JSON);
    }

    /** A spec example as one line, the way stdio carries it. */
    private static ObjectNode example(String name) throws IOException {
        try (InputStream in = EraRewritingTest.class.getResourceAsStream("/spec-2026-07-28/" + name + ".json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    /** Opens the connection the modern way: the spec's discover request, answered by the spec's result. */
    private void openWithDiscover() throws Exception {
        client.deliver(example("server-discover-request").toString());
        upstream.deliver(response("discover-1", example("server-capabilities-discovery")));
        client.awaitReceived(0);
    }

    /** The bridge for a modern client of a legacy upstream: discover refused, initialize answered. */
    private void openLegacyUpstreamForModernClient() throws Exception {
        client.deliver(example("server-discover-request").toString());
        upstream.deliver("{\"jsonrpc\":\"2.0\",\"id\":\"discover-1\",\"error\":{\"code\":-32601,\"message\":\"no\"}}");
        JsonNode initialize = JSON.readTree(upstream.awaitReceived(1));
        upstream.deliver(response(
                initialize.path("id").asText(),
                JSON.readTree("{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},"
                        + "\"serverInfo\":{\"name\":\"old-server\",\"version\":\"1\"}}")));
        client.awaitReceived(0);
    }

    private static String response(Object id, JsonNode result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + JSON.valueToTree(id) + ",\"result\":" + result + "}";
    }

    private static ObjectNode feedbackCall(String protocolVersion) throws IOException {
        ObjectNode call = example("call-tool-request");
        ObjectNode params = (ObjectNode) call.get("params");
        params.put("name", "feedback");
        params.set(
                "arguments",
                JSON.createObjectNode()
                        .put("what_i_needed", "weather alerts")
                        .put("what_i_tried", "get_weather")
                        .put("gap_type", "missing_tool"));
        ((ObjectNode) params.get("_meta")).put(ProtocolEra.PROTOCOL_VERSION_KEY, protocolVersion);
        return call;
    }

    @Test
    void readsTheProtocolVersionFromTheMetaOfASpecRequest() throws Exception {
        MessageSummary discover =
                JsonRpcPeek.of(example("server-discover-request").toString());
        MessageSummary legacy = JsonRpcPeek.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");

        assertThat(discover.protocolVersion()).isEqualTo("2026-07-28");
        assertThat(ProtocolEra.of(discover)).isEqualTo(ProtocolEra.MODERN);
        assertThat(ProtocolEra.of(legacy)).isEqualTo(ProtocolEra.LEGACY);
    }

    @Test
    void answersAModernFeedbackCallWithACompleteResultAndReportsTheClientOfItsMeta() throws Exception {
        startSession();

        client.deliver(feedbackCall("2026-07-28").toString());

        JsonNode answer = JSON.readTree(client.awaitReceived(0));
        assertThat(answer.path("id").asText()).isEqualTo("call-tool-example");
        assertThat(answer.path("result").path("resultType").asText()).isEqualTo("complete");
        assertThat(answer.path("result").path("isError").asBoolean()).isFalse();
        assertThat(upstream.received()).isEmpty();
        JsonNode report =
                JSON.readTree(Files.readString(new Outbox(temp).pending().getFirst()));
        assertThat(report.path("client_name").asText()).isEqualTo("ExampleClient");
        assertThat(report.path("client_version").asText()).isEqualTo("1.0.0");
        assertThat(report.path("protocol_version").asText()).isEqualTo("2026-07-28");
    }

    @Test
    void answersALegacyFeedbackCallWithoutAResultType() throws Exception {
        startSession();
        ObjectNode call = feedbackCall("2026-07-28");
        ((ObjectNode) call.get("params")).remove("_meta");

        client.deliver(call.toString());

        JsonNode answer = JSON.readTree(client.awaitReceived(0));
        assertThat(answer.path("result").has("resultType")).isFalse();
        assertThat(answer.path("result").path("isError").asBoolean()).isFalse();
    }

    @Test
    void refusesAFeedbackCallNamingAnUnknownVersionWithTheSpecError() throws Exception {
        startSession();
        JsonNode expected = example("unsupported-version");

        client.deliver(feedbackCall("1900-01-01").toString());

        JsonNode answer = JSON.readTree(client.awaitReceived(0));
        assertThat(answer.path("id").asText()).isEqualTo("call-tool-example");
        assertThat(answer.path("error").path("code").asInt())
                .isEqualTo(expected.path("error").path("code").asInt());
        assertThat(answer.path("error").path("data"))
                .isEqualTo(expected.path("error").path("data"));
        assertThat(upstream.received()).isEmpty();
        assertThat(new Outbox(temp).pending()).isEmpty();
    }

    @Test
    void refusesAModernFeedbackCallWithoutClientCapabilitiesAsInvalidParams() throws Exception {
        startSession();
        ObjectNode call = feedbackCall("2026-07-28");
        ((ObjectNode) call.path("params").path("_meta")).remove(ProtocolEra.CLIENT_CAPABILITIES_KEY);

        client.deliver(call.toString());

        JsonNode answer = JSON.readTree(client.awaitReceived(0));
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(answer.path("error").path("message").asText()).contains(ProtocolEra.CLIENT_CAPABILITIES_KEY);
        assertThat(new Outbox(temp).pending()).isEmpty();
    }

    @Test
    void answersPendingModernRequestsWithInternalErrorWhenTheUpstreamDies() throws Exception {
        startSession();
        openWithDiscover();
        client.deliver(example("call-tool-request").toString());
        client.deliver("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}");

        upstream.closeFromPeer("the server exited with code 3");

        client.awaitReceived(2);
        JsonNode first = JSON.readTree(client.received().get(1));
        JsonNode second = JSON.readTree(client.received().get(2));
        JsonNode modern = first.path("id").isTextual() ? first : second;
        JsonNode legacy = modern == first ? second : first;
        assertThat(modern.path("id").asText()).isEqualTo("call-tool-example");
        assertThat(legacy.path("id").asInt()).isEqualTo(5);
        assertThat(modern.path("error").path("code").asInt()).isEqualTo(-32603);
        assertThat(modern.path("error").path("data").path("reason").asText()).contains("exited with code 3");
        assertThat(legacy.path("error").path("code").asInt()).isEqualTo(-32000);
    }

    @Test
    void appendsOurToolToTheLastToolsPageKeepingEveryFieldTheUpstreamSent() throws Exception {
        startSession();
        ObjectNode firstPage = example("tools-list-with-cursor-and-ttl");
        ObjectNode lastPage = firstPage.deepCopy();
        lastPage.remove("nextCursor");
        String request = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/list\",\"params\":{%s\"_meta\":{\""
                + ProtocolEra.PROTOCOL_VERSION_KEY + "\":\"2026-07-28\",\"" + ProtocolEra.CLIENT_CAPABILITIES_KEY
                + "\":{}}}}";

        openWithDiscover();
        client.deliver(request.formatted(1, ""));
        upstream.deliver(response(1, firstPage));
        client.deliver(request.formatted(2, "\"cursor\":\"next-page-cursor\","));
        upstream.deliver(response(2, lastPage));

        assertThat(client.received().get(1)).isEqualTo(response(1, firstPage));
        JsonNode last = JSON.readTree(client.received().get(2)).path("result");
        assertThat(last.path("tools").findValuesAsText("name")).containsExactly("get_weather", "feedback");
        ObjectNode withoutTools = ((ObjectNode) last.deepCopy()).without("tools");
        assertThat((Object) withoutTools).isEqualTo(lastPage.deepCopy().without("tools"));
    }

    @Test
    void relaysAnInputRequiredResultUnchanged() throws Exception {
        startSession();
        ObjectNode call = example("call-tool-request");
        openWithDiscover();

        client.deliver(call.toString());
        String interim = response("call-tool-example", example("input-required-result-with-request-state-only"));
        upstream.deliver(interim);

        assertThat(upstream.received().getLast()).isEqualTo(call.toString());
        assertThat(client.received().getLast()).isEqualTo(interim);
    }

    @Test
    void announcesOurToolInADiscoverResultKeepingItsOtherFields() throws Exception {
        startSession();
        ObjectNode discovered = example("server-capabilities-discovery");

        client.deliver(example("server-discover-request").toString());
        upstream.deliver(response("discover-1", discovered));

        JsonNode result = JSON.readTree(client.awaitReceived(0)).path("result");
        assertThat(result.path("instructions").asText())
                .startsWith(discovered.path("instructions").asText())
                .contains(SENTENCE_START);
        assertThat((Object) ((ObjectNode) result.deepCopy()).without("instructions"))
                .isEqualTo(discovered.deepCopy().without("instructions"));
    }

    @Test
    void opensALegacyOnlyUpstreamForAModernClientAndCompletesItsResults() throws Exception {
        startSession();

        client.deliver(example("server-discover-request").toString());
        upstream.deliver(
                "{\"jsonrpc\":\"2.0\",\"id\":\"discover-1\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
        JsonNode initialize = JSON.readTree(upstream.awaitReceived(1));
        upstream.deliver(response(
                initialize.path("id").asText(),
                JSON.readTree("{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},"
                        + "\"serverInfo\":{\"name\":\"old-server\",\"version\":\"1.0\"}}")));
        JsonNode discover = JSON.readTree(client.awaitReceived(0));
        client.deliver("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"_meta\":{\""
                + ProtocolEra.PROTOCOL_VERSION_KEY + "\":\"2026-07-28\",\"" + ProtocolEra.CLIENT_CAPABILITIES_KEY
                + "\":{}}}}");
        upstream.deliver("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"echo\"}]}}");
        upstream.deliver("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}");

        assertThat(initialize.path("method").asText()).isEqualTo("initialize");
        assertThat(initialize.path("params").path("clientInfo").path("name").asText())
                .isEqualTo("ExampleClient");
        assertThat(JSON.readTree(upstream.received().get(2)).path("method").asText())
                .isEqualTo("notifications/initialized");
        assertThat(discover.path("id").asText()).isEqualTo("discover-1");
        JsonNode discovered = discover.path("result");
        assertThat(discovered.path("resultType").asText()).isEqualTo("complete");
        assertThat(discovered.path("supportedVersions").toString()).isEqualTo("[\"2026-07-28\"]");
        assertThat(discovered
                        .path("_meta")
                        .path(ProtocolEra.SERVER_INFO_KEY)
                        .path("name")
                        .asText())
                .isEqualTo("old-server");
        assertThat(discovered.path("instructions").asText()).startsWith(SENTENCE_START);
        assertThat(discovered.path("ttlMs").asInt()).isZero();
        assertThat(discovered.path("cacheScope").asText()).isEqualTo("private");
        JsonNode tools = JSON.readTree(client.received().get(1)).path("result");
        assertThat(tools.path("resultType").asText()).isEqualTo("complete");
        assertThat(tools.path("ttlMs").asInt()).isZero();
        assertThat(tools.path("tools").findValuesAsText("name")).containsExactly("echo", "feedback");
        assertThat(upstream.received().getLast()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}");
        assertThat(client.received()).hasSize(2);
    }

    @Test
    void opensAModernOnlyUpstreamForALegacyClientAndAddsTheMetaToItsRequests() throws Exception {
        startSession();
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{\"roots\":{}},\"clientInfo\":{\"name\":\"old-client\",\"version\":\"3\"}}}";

        client.deliver(initialize);
        upstream.deliver(example("unsupported-version").put("id", 1).toString());
        JsonNode discover = JSON.readTree(upstream.awaitReceived(1));
        upstream.deliver(response(discover.path("id").asText(), example("server-capabilities-discovery")));
        JsonNode initialized = JSON.readTree(client.awaitReceived(0));
        client.deliver("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        client.deliver("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        client.deliver("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");

        assertThat(discover.path("method").asText()).isEqualTo("server/discover");
        assertThat(discover.path("params")
                        .path("_meta")
                        .path(ProtocolEra.CLIENT_INFO_KEY)
                        .path("name")
                        .asText())
                .isEqualTo("old-client");
        JsonNode result = initialized.path("result");
        assertThat(result.path("protocolVersion").asText()).isEqualTo("2025-11-25");
        assertThat(result.path("serverInfo").path("name").asText()).isEqualTo("ExampleServer");
        assertThat(result.path("instructions").asText()).contains(SENTENCE_START);
        assertThat(result.path("capabilities").has("tools")).isTrue();
        List<String> relayed = upstream.received();
        assertThat(relayed).hasSize(3);
        JsonNode meta = JSON.readTree(relayed.get(2)).path("params").path("_meta");
        assertThat(meta.path(ProtocolEra.PROTOCOL_VERSION_KEY).asText()).isEqualTo("2026-07-28");
        assertThat(meta.path(ProtocolEra.CLIENT_INFO_KEY).path("name").asText()).isEqualTo("old-client");
        assertThat(meta.path(ProtocolEra.CLIENT_CAPABILITIES_KEY).has("roots")).isTrue();
        assertThat(client.received().getLast()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}");
    }

    @Test
    void holdsAPinnedClientsFirstRequestWhileItOpensALegacyUpstream() throws Exception {
        startSession();
        String toolsList = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{\""
                + ProtocolEra.PROTOCOL_VERSION_KEY + "\":\"2026-07-28\",\"" + ProtocolEra.CLIENT_INFO_KEY
                + "\":{\"name\":\"pinned\",\"version\":\"1\"},\"" + ProtocolEra.CLIENT_CAPABILITIES_KEY + "\":{}}}}";

        client.deliver(toolsList);
        JsonNode probe = JSON.readTree(upstream.awaitReceived(0));
        upstream.deliver("{\"jsonrpc\":\"2.0\",\"id\":" + probe.path("id") + ",\"error\":{\"code\":-32601,"
                + "\"message\":\"Method not found\"}}");
        JsonNode initialize = JSON.readTree(upstream.awaitReceived(1));
        List<String> beforeOpened = upstream.received();
        upstream.deliver(response(
                initialize.path("id").asText(),
                JSON.readTree("{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},"
                        + "\"serverInfo\":{\"name\":\"strict-old-server\",\"version\":\"1\"}}")));
        upstream.deliver("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":\"add\"}]}}");

        assertThat(probe.path("method").asText()).isEqualTo("server/discover");
        assertThat(probe.path("params")
                        .path("_meta")
                        .path(ProtocolEra.CLIENT_INFO_KEY)
                        .path("name")
                        .asText())
                .isEqualTo("pinned");
        assertThat(initialize.path("method").asText()).isEqualTo("initialize");
        assertThat(beforeOpened).hasSize(2);
        assertThat(upstream.received().subList(2, 4))
                .containsExactly("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", toolsList);
        JsonNode tools = JSON.readTree(client.awaitReceived(0)).path("result");
        assertThat(tools.path("resultType").asText()).isEqualTo("complete");
        assertThat(tools.path("tools").findValuesAsText("name")).containsExactly("add", "feedback");
    }

    @Test
    void releasesAPinnedClientsFirstRequestWhenTheProbeFindsAModernUpstream() throws Exception {
        startSession();
        ObjectNode call = example("call-tool-request");

        client.deliver(call.toString());
        JsonNode probe = JSON.readTree(upstream.awaitReceived(0));
        upstream.deliver(response(probe.path("id").asText(), example("server-capabilities-discovery")));

        assertThat(upstream.received()).hasSize(2);
        assertThat(upstream.received().get(1)).isEqualTo(call.toString());
        assertThat(client.received()).isEmpty();
    }

    @Test
    void carriesALegacyUpstreamsElicitationToAModernClientAsInputRequired() throws Exception {
        startSession();
        openLegacyUpstreamForModernClient();
        ObjectNode call = example("call-tool-request");
        client.deliver(call.toString());
        upstream.deliver("{\"jsonrpc\":\"2.0\",\"id\":40,\"method\":\"elicitation/create\",\"params\":"
                + "{\"message\":\"Which city?\",\"requestedSchema\":{\"type\":\"object\"}}}");
        JsonNode interim = JSON.readTree(client.awaitReceived(1));
        ObjectNode retry = call.deepCopy();
        retry.put("id", "call-tool-retry");
        ObjectNode retryParams = (ObjectNode) retry.get("params");
        retryParams.set("requestState", interim.path("result").path("requestState"));
        String key = interim.path("result").path("inputRequests").fieldNames().next();
        retryParams
                .putObject("inputResponses")
                .putObject(key)
                .put("action", "accept")
                .putObject("content")
                .put("city", "Paris");
        client.deliver(retry.toString());
        upstream.deliver("{\"jsonrpc\":\"2.0\",\"id\":\"call-tool-example\",\"result\":{\"content\":[]}}");

        assertThat(interim.path("id").asText()).isEqualTo("call-tool-example");
        assertThat(interim.path("result").path("resultType").asText()).isEqualTo("input_required");
        JsonNode asked = interim.path("result").path("inputRequests").path(key);
        assertThat(asked.path("method").asText()).isEqualTo("elicitation/create");
        assertThat(asked.path("params").path("message").asText()).isEqualTo("Which city?");
        JsonNode answered = JSON.readTree(upstream.received().getLast());
        assertThat(answered.path("id").asInt()).isEqualTo(40);
        assertThat(answered.path("result").path("content").path("city").asText())
                .isEqualTo("Paris");
        JsonNode last = JSON.readTree(client.awaitReceived(2));
        assertThat(last.path("id").asText()).isEqualTo("call-tool-retry");
        assertThat(last.path("result").path("resultType").asText()).isEqualTo("complete");
    }

    @Test
    void carriesAModernOnlyUpstreamsInputRequiredToALegacyClientAsItsOwnRequests() throws Exception {
        startSession();
        client.deliver(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-11-25\",\"capabilities\":{\"elicitation\":{}},\"clientInfo\":{\"name\":\"old\",\"version\":\"1\"}}}");
        upstream.deliver(example("unsupported-version").put("id", 1).toString());
        JsonNode discover = JSON.readTree(upstream.awaitReceived(1));
        upstream.deliver(response(discover.path("id").asText(), example("server-capabilities-discovery")));
        client.awaitReceived(0);
        client.deliver("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"greet\"}}");
        ObjectNode interim = example("input-required-result-with-elicitation-and-sampling-and-request-state");
        upstream.deliver(response(2, interim));
        JsonNode first = JSON.readTree(client.awaitReceived(1));
        JsonNode second = JSON.readTree(client.awaitReceived(2));
        client.deliver("{\"jsonrpc\":\"2.0\",\"id\":" + first.path("id") + ",\"result\":{\"answer\":1}}");
        client.deliver("{\"jsonrpc\":\"2.0\",\"id\":" + second.path("id") + ",\"result\":{\"answer\":2}}");
        JsonNode retry = JSON.readTree(upstream.awaitReceived(3));
        upstream.deliver("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[],\"resultType\":\"complete\"}}");

        assertThat(List.of(first.path("method").asText(), second.path("method").asText()))
                .containsExactly("elicitation/create", "sampling/createMessage");
        assertThat(first.path("params").path("message").asText()).isEqualTo("Please provide your GitHub username");
        assertThat(retry.path("id").asInt()).isEqualTo(2);
        assertThat(retry.path("params").path("name").asText()).isEqualTo("greet");
        assertThat(retry.path("params").path("requestState").asText())
                .isEqualTo(interim.path("requestState").asText());
        assertThat(retry.path("params")
                        .path("inputResponses")
                        .path("github_login")
                        .path("answer")
                        .asInt())
                .isEqualTo(1);
        assertThat(retry.path("params")
                        .path("inputResponses")
                        .path("capital_of_france")
                        .path("answer")
                        .asInt())
                .isEqualTo(2);
        assertThat(retry.path("params")
                        .path("_meta")
                        .path(ProtocolEra.CLIENT_INFO_KEY)
                        .path("name")
                        .asText())
                .isEqualTo("old");
        JsonNode last = JSON.readTree(client.awaitReceived(3));
        assertThat(last.path("id").asInt()).isEqualTo(2);
        assertThat(client.received()).hasSize(4);
    }

    @Test
    void oddModernMetaGetsAnAnswerAndTheSessionGoesOn() throws Exception {
        startSession();
        String meta = "\"" + ProtocolEra.PROTOCOL_VERSION_KEY + "\"";
        String[] odd = {
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"feedback\",\"_meta\":{"
                    + meta + ":7}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"feedback\",\"_meta\":5}}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"feedback\",\"_meta\":{"
                    + meta + ":\"2026-07-28\",\"" + ProtocolEra.CLIENT_CAPABILITIES_KEY + "\":[]}}}"
        };

        for (String message : odd) {
            client.deliver(message);
        }
        client.deliver(feedbackCall("2026-07-28").toString());

        List<JsonNode> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(JSON.readTree(client.awaitReceived(i)));
        }
        JsonNode byId1 = answers.stream()
                .filter(a -> a.path("id").asInt() == 1)
                .findFirst()
                .orElseThrow();
        JsonNode byId2 = answers.stream()
                .filter(a -> a.path("id").asInt() == 2)
                .findFirst()
                .orElseThrow();
        JsonNode byId3 = answers.stream()
                .filter(a -> a.path("id").asInt() == 3)
                .findFirst()
                .orElseThrow();
        assertThat(byId1.path("error").path("code").asInt()).isEqualTo(-32022);
        assertThat(byId2.path("result").path("isError").asBoolean())
                .as("legacy call, arguments missing")
                .isTrue();
        assertThat(byId3.path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(answers.stream()
                        .anyMatch(a -> "complete"
                                        .equals(a.path("result")
                                                .path("resultType")
                                                .asText())
                                && !a.path("result").path("isError").asBoolean()))
                .isTrue();
    }

    @Test
    void setsALegacyUpstreamsLogLevelFromTheModernClientsMetaAndDropsUnaskedLogs() throws Exception {
        startSession();
        openLegacyUpstreamForModernClient();
        String log =
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"x\"}}";
        String toolsList = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"_meta\":{\""
                + ProtocolEra.PROTOCOL_VERSION_KEY + "\":\"2026-07-28\",\"" + ProtocolEra.CLIENT_CAPABILITIES_KEY
                + "\":{},\"" + ProtocolEra.LOG_LEVEL_KEY + "\":\"debug\"}}}";

        upstream.deliver(log);
        client.deliver(toolsList);
        JsonNode setLevel = JSON.readTree(upstream.received().get(3));
        upstream.deliver("{\"jsonrpc\":\"2.0\",\"id\":" + setLevel.path("id") + ",\"result\":{}}");
        upstream.deliver(log);

        assertThat(setLevel.path("method").asText()).isEqualTo("logging/setLevel");
        assertThat(setLevel.path("params").path("level").asText()).isEqualTo("debug");
        assertThat(upstream.received().get(4)).isEqualTo(toolsList);
        assertThat(client.received()).containsExactly(client.received().getFirst(), log);
    }

    @Test
    void addsMetaToRequestsOfEveryShape() {
        String members = "\"k\":1";
        String noParams = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
        String emptyParams = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}";
        String withMeta = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{\"a\":2,\"_meta\":{\"t\":3}}}";

        assertThat(EraText.withMeta(noParams, JsonRpcPeek.of(noParams).era(), members))
                .isEqualTo("{\"params\":{\"_meta\":{\"k\":1}},\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        assertThat(EraText.withMeta(emptyParams, JsonRpcPeek.of(emptyParams).era(), members))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{\"k\":1}}}");
        assertThat(EraText.withMeta(withMeta, JsonRpcPeek.of(withMeta).era(), members))
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{\"a\":2,\"_meta\":{\"k\":1,\"t\":3}}}");
    }
}
