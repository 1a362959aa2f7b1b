package dev.patchworkmcp.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.proxy.outbox.Outbox;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reports travel from an agent's call through the proxy and its outbox into a real sidecar, exactly once. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FeedbackEndToEndTest {

    @TempDir
    Path temp;

    private final List<Sidecar> sidecars = new ArrayList<>();

    @BeforeAll
    static void installPeers() throws Exception {
        NodePeers.install();
    }

    @AfterEach
    void stopSidecars() {
        sidecars.forEach(Sidecar::stop);
    }

    private Sidecar startSidecar(int port) {
        Sidecar sidecar =
                Sidecar.start(SidecarConfig.forTests(temp.resolve("sidecar.db")).withPort(port));
        sidecars.add(sidecar);
        return sidecar;
    }

    private JsonRpcPeer startProxy(String sidecarUrl, Path outbox, List<String> upstream) throws Exception {
        return JsonRpcPeer.start(
                ProxyLauncher.command(
                        List.of("--name", "everything-e2e", "--sidecar", sidecarUrl, "--outbox", outbox.toString()),
                        upstream),
                Files.createTempFile(temp, "proxy", ".err"));
    }

    private static ObjectNode feedbackArguments() {
        return JsonRpcPeer.JSON
                .createObjectNode()
                .put("what_i_needed", "search orders by customer email")
                .put("what_i_tried", "echo, get-sum")
                .put("gap_type", "missing_tool")
                .put("resolution", "blocked");
    }

    @Test
    void aSlowSidecarDoesNotHoldUpTheSessionWhileTheFeedbackToolWaits() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                JsonRpcPeer proxy = JsonRpcPeer.start(
                        ProxyLauncher.command(
                                List.of(
                                        "--name",
                                        "everything-e2e",
                                        "--sidecar",
                                        "http://127.0.0.1:" + silent.getLocalPort(),
                                        "--outbox",
                                        temp.resolve("outbox").toString(),
                                        "--feedback-wait",
                                        "30"),
                                NodePeers.everything()),
                        Files.createTempFile(temp, "proxy", ".err"))) {
            proxy.initialize(null);
            proxy.sendRequest(7001, "tools/call", RelayFidelityTest.call("feedback", feedbackArguments()));

            JsonNode pong = proxy.request(7002, "ping", null);

            assertThat(pong.has("result")).isTrue();
            assertThat(proxy.messages())
                    .as("the ping is answered while the feedback call still waits on the sidecar")
                    .noneMatch(m -> m.path("id").asInt() == 7001);
        }
    }

    @Test
    void storesTheReportWithEveryEnrichedField() throws Exception {
        Sidecar sidecar = startSidecar(0);
        Path outbox = temp.resolve("outbox");
        try (JsonRpcPeer proxy = startProxy(SidecarApi.url(sidecar), outbox, NodePeers.everything())) {
            proxy.initialize(null);
            JsonNode tools = proxy.request("tools/list", null).path("result").path("tools");
            proxy.request(
                    "tools/call",
                    RelayFidelityTest.call(
                            "echo", JsonRpcPeer.JSON.createObjectNode().put("message", "hi")));
            proxy.request(
                    "tools/call",
                    RelayFidelityTest.call(
                            "get-sum", JsonRpcPeer.JSON.createObjectNode().put("a", "x")));

            JsonNode answer = proxy.request("tools/call", RelayFidelityTest.call("feedback", feedbackArguments()));

            assertThat(answer.path("result").path("isError").asBoolean()).isFalse();
            assertThat(answer.path("result").path("content").get(0).path("text").asText())
                    .startsWith("Recorded");
            JsonNode item = SidecarApi.awaitFeedback(sidecar, "everything-e2e", items -> items.size() == 1)
                    .get(0);
            List<String> upstreamTools = new ArrayList<>();
            tools.forEach(tool -> upstreamTools.add(tool.path("name").asText()));
            upstreamTools.remove("feedback");
            assertThat(item.path("what_i_needed").asText()).isEqualTo("search orders by customer email");
            assertThat(item.path("gap_type").asText()).isEqualTo("missing_tool");
            assertThat(item.path("resolution").asText()).isEqualTo("blocked");
            assertThat(item.path("source").asText()).isEqualTo("proxy");
            assertThat(item.path("client_name").asText()).isEqualTo("raw-test-client");
            assertThat(item.path("client_version").asText()).isEqualTo("1.2.3");
            assertThat(item.path("protocol_version").asText()).isEqualTo("2025-06-18");
            assertThat(item.path("session_id").asText()).hasSize(36);
            assertThat(item.path("user_agent").asText()).startsWith("patchwork-proxy/");
            assertThat(JsonRpcPeer.JSON.convertValue(item.path("tools_available"), List.class))
                    .isEqualTo(upstreamTools);
            JsonNode calls = item.path("context").path("recent_calls");
            assertThat(calls).hasSize(2);
            assertThat(calls.get(0).path("tool").asText()).isEqualTo("echo");
            assertThat(calls.get(0).path("is_error").asBoolean()).isFalse();
            assertThat(calls.get(0).path("arguments_bytes").asInt()).isEqualTo("{\"message\":\"hi\"}".length());
            assertThat(calls.get(0).path("latency_ms").isIntegralNumber()).isTrue();
            assertThat(calls.get(0).path("at").asText()).isNotBlank();
            assertThat(calls.get(1).path("tool").asText()).isEqualTo("get-sum");
            assertThat(calls.get(1).path("is_error").asBoolean()).isTrue();
            assertThat(JsonRpcPeer.JSON.convertValue(item.path("context").path("tools"), List.class))
                    .isEqualTo(upstreamTools);
            awaitEmpty(new Outbox(outbox));
        }
    }

    @Test
    void keepsTheReportWhileTheSidecarIsDownAndDeliversItOnceItIsUp() throws Exception {
        int port;
        try (ServerSocket reserved = new ServerSocket(0)) {
            port = reserved.getLocalPort();
        }
        Path outbox = temp.resolve("outbox");
        try (JsonRpcPeer proxy = startProxy("http://127.0.0.1:" + port, outbox, NodePeers.everything())) {
            proxy.initialize(null);

            JsonNode answer = proxy.request("tools/call", RelayFidelityTest.call("feedback", feedbackArguments()));

            assertThat(answer.path("result").path("isError").asBoolean()).isFalse();
            assertThat(new Outbox(outbox).pending()).hasSize(1);
            Sidecar sidecar = startSidecar(port);
            SidecarApi.awaitFeedback(sidecar, "everything-e2e", items -> items.size() == 1);
            awaitEmpty(new Outbox(outbox));
            assertThat(SidecarApi.feedback(sidecar, "everything-e2e")).hasSize(1);
        }
    }

    @Test
    void theNextProxyDeliversWhatAnEarlierOneLeftAndARepeatIsNotStoredTwice() throws Exception {
        Path outbox = temp.resolve("outbox");
        try (JsonRpcPeer first = startProxy("http://127.0.0.1:9", outbox, NodePeers.everything())) {
            first.initialize(null);
            first.request("tools/call", RelayFidelityTest.call("feedback", feedbackArguments()));
            first.closeStdin();
            assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        List<Path> left = new Outbox(outbox).pending();
        assertThat(left).hasSize(1);
        String report = Files.readString(left.get(0));
        Sidecar sidecar = startSidecar(0);

        try (JsonRpcPeer second = startProxy(SidecarApi.url(sidecar), outbox, NodePeers.everything())) {
            SidecarApi.awaitFeedback(sidecar, "everything-e2e", items -> items.size() == 1);
            awaitEmpty(new Outbox(outbox));
        }
        Files.writeString(left.get(0), report);
        try (JsonRpcPeer third = startProxy(SidecarApi.url(sidecar), outbox, NodePeers.everything())) {
            awaitEmpty(new Outbox(outbox));
        }

        assertThat(SidecarApi.feedback(sidecar, "everything-e2e")).hasSize(1);
    }

    @Test
    void answersIsErrorWhenTheOutboxCannotBeWrittenAndTheSessionGoesOn() throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("plain-file"), "x");
        try (JsonRpcPeer proxy =
                startProxy("http://127.0.0.1:9", notADirectory.resolve("outbox"), NodePeers.everything())) {
            proxy.initialize(null);

            JsonNode answer = proxy.request("tools/call", RelayFidelityTest.call("feedback", feedbackArguments()));
            JsonNode echo = proxy.request(
                    "tools/call",
                    RelayFidelityTest.call(
                            "echo", JsonRpcPeer.JSON.createObjectNode().put("message", "still here")));

            assertThat(answer.path("result").path("isError").asBoolean()).isTrue();
            assertThat(answer.path("result").path("content").get(0).path("text").asText())
                    .contains("Feedback not recorded")
                    .contains(notADirectory.toString());
            assertThat(echo.path("result").path("content").get(0).path("text").asText())
                    .contains("still here");
        }
    }

    @Test
    void answersIsErrorNamingTheFieldForBadArguments() throws Exception {
        Path outbox = temp.resolve("outbox");
        try (JsonRpcPeer proxy = startProxy("http://127.0.0.1:9", outbox, NodePeers.everything())) {
            proxy.initialize(null);

            JsonNode answer = proxy.request(
                    "tools/call",
                    RelayFidelityTest.call("feedback", feedbackArguments().put("gap_type", "feature_request")));

            assertThat(answer.has("error")).isFalse();
            assertThat(answer.path("result").path("isError").asBoolean()).isTrue();
            assertThat(answer.path("result").path("content").get(0).path("text").asText())
                    .contains("'gap_type' must be one of missing_tool")
                    .contains("feature_request");
            assertThat(new Outbox(outbox).pending()).isEmpty();
        }
    }

    @Test
    void offersOurToolUnderAnotherNameWhenTheUpstreamHasOneCalledFeedback() throws Exception {
        Path outbox = temp.resolve("outbox");
        Path stderr = temp.resolve("clash.err");
        try (JsonRpcPeer proxy = JsonRpcPeer.start(
                ProxyLauncher.command(
                        List.of("--sidecar", "http://127.0.0.1:9", "--outbox", outbox.toString()),
                        NodePeers.script("clash-server.mjs", List.of())),
                stderr)) {
            proxy.initialize(null);

            JsonNode tools = proxy.request("tools/list", null).path("result").path("tools");
            JsonNode theirs = proxy.request(
                    "tools/call", RelayFidelityTest.call("feedback", JsonRpcPeer.JSON.createObjectNode()));
            JsonNode ours =
                    proxy.request("tools/call", RelayFidelityTest.call("patchwork_feedback", feedbackArguments()));

            List<String> names = new ArrayList<>();
            tools.forEach(tool -> names.add(tool.path("name").asText()));
            assertThat(names).containsExactly("feedback", "echo", "patchwork_feedback");
            assertThat(theirs.path("result").toString()).contains("upstream feedback tool answered");
            assertThat(ours.path("result").path("content").get(0).path("text").asText())
                    .startsWith("Recorded");
            assertThat(new Outbox(outbox).pending()).hasSize(1);
            assertThat(Files.readString(stderr)).contains("offered as 'patchwork_feedback'");
        }
    }

    private static void awaitEmpty(Outbox outbox) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!outbox.pending().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the outbox still holds " + outbox.pending());
            }
            Object pause = new Object();
            synchronized (pause) {
                pause.wait(50);
            }
        }
    }
}
