package dev.patchworkmcp.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The proxy owns its child: errors when it dies, and leaves nothing behind when the client goes away. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LifecycleTest {

    @TempDir
    Path temp;

    @BeforeAll
    static void installPeers() throws Exception {
        NodePeers.install();
    }

    private JsonRpcPeer startProxy(List<String> upstream) throws Exception {
        return JsonRpcPeer.start(
                ProxyLauncher.command(
                        List.of("--outbox", temp.resolve("outbox").toString(), "--sidecar", "http://127.0.0.1:9"),
                        upstream),
                temp.resolve("proxy.err"));
    }

    @Test
    void answersPendingRequestsWithTheExitCodeWhenTheUpstreamDies() throws Exception {
        try (JsonRpcPeer proxy = startProxy(NodePeers.everything())) {
            proxy.initialize(null);
            startLongCall(proxy, 61);

            ProcessHandle upstream =
                    proxy.process().toHandle().children().findFirst().orElseThrow();
            upstream.destroyForcibly();

            JsonNode error = proxy.await(m -> m.path("id").asInt() == 61 && m.has("error"));
            assertThat(error.path("error").path("code").asInt()).isEqualTo(-32000);
            assertThat(error.path("error").path("message").asText())
                    .contains("exited with code 137")
                    .contains("Starting default (STDIO) server");
            JsonNode later = proxy.request(62, "tools/list", null);
            assertThat(later.path("error").path("message").asText()).contains("exited with code 137");
            JsonNode feedback = proxy.request(
                    63,
                    "tools/call",
                    RelayFidelityTest.call(
                            "feedback",
                            JsonRpcPeer.JSON
                                    .createObjectNode()
                                    .put("what_i_needed", "a server that stays up")
                                    .put("what_i_tried", "trigger-long-running-operation")
                                    .put("gap_type", "other")));
            assertThat(feedback.path("result").path("isError").asBoolean()).isFalse();
        }
    }

    @Test
    void closingStdinStopsTheWholeChildTreeAndExitsZero() throws Exception {
        try (JsonRpcPeer proxy = startProxy(NodePeers.everythingViaNpx())) {
            proxy.initialize(null);
            List<Long> tree = descendants(proxy.process());
            assertThat(tree).hasSizeGreaterThanOrEqualTo(2);

            proxy.closeStdin();

            assertThat(proxy.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(proxy.process().exitValue()).isZero();
            assertThat(ProcessTable.awaitGone(tree, Duration.ofSeconds(30))).isEmpty();
        }
    }

    @Test
    void sigtermStopsTheWholeChildTreeAndExitsZero() throws Exception {
        try (JsonRpcPeer proxy = startProxy(NodePeers.everythingViaNpx())) {
            proxy.initialize(null);
            List<Long> tree = descendants(proxy.process());

            proxy.process().destroy();

            assertThat(proxy.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(proxy.process().exitValue()).isZero();
            assertThat(ProcessTable.awaitGone(tree, Duration.ofSeconds(30))).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sh with helpers that ignore stdin's end", "npx"})
    void sigkillOfTheProxyDuringALongCallLeavesNoProcessOfTheServerRunning(String server) throws Exception {
        // sh starts two processes that ignore stdin's end, then becomes the server itself: when the server exits,
        // they are orphans outside the proxy's tree. npx starts npm exec, which starts sh, which starts node.
        String script =
                "sleep 600 & node -e 'setInterval(() => {}, 1000)' & exec " + String.join(" ", NodePeers.everything());
        List<String> upstream = server.equals("npx") ? NodePeers.everythingViaNpx() : List.of("sh", "-c", script);
        try (JsonRpcPeer proxy = startProxy(upstream)) {
            proxy.initialize(null);
            startLongCall(proxy, 71);
            List<Long> tree = descendants(proxy.process());
            assertThat(tree).hasSizeGreaterThanOrEqualTo(3);

            proxy.process().destroyForcibly();

            try {
                assertThat(ProcessTable.awaitStopped(tree, Duration.ofSeconds(10)))
                        .isEmpty();
            } finally {
                tree.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            }
        }
    }

    @Test
    void failsWithExitCodeOneAndAHintWhenTheCommandDoesNotExist() throws Exception {
        Path stderr = temp.resolve("missing.err");
        Process proxy = new ProcessBuilder(ProxyLauncher.command(
                        List.of("--outbox", temp.resolve("o").toString()), List.of("no-such-mcp-server-xyz")))
                .redirectError(stderr.toFile())
                .start();

        assertThat(proxy.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(proxy.exitValue()).isEqualTo(1);
        assertThat(Files.readString(stderr)).contains("no-such-mcp-server-xyz").contains("PATH");
    }

    @Test
    void exitsTwoWithTheCauseOnAUsageError() throws Exception {
        Path stderr = temp.resolve("usage.err");
        Process proxy = new ProcessBuilder(ProxyLauncher.command(List.of("--serve", "carrier-pigeon"), List.of("x")))
                .redirectError(stderr.toFile())
                .start();

        assertThat(proxy.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(proxy.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(stderr)).hasSize(1).first().asString().contains("'carrier-pigeon'");
    }

    /** Calls a tool that runs for a minute, and waits for its first progress notification. */
    private static void startLongCall(JsonRpcPeer proxy, int id) throws Exception {
        ObjectNode longCall = RelayFidelityTest.call(
                "trigger-long-running-operation",
                JsonRpcPeer.JSON.createObjectNode().put("duration", 60).put("steps", 60));
        longCall.putObject("_meta").put("progressToken", "p");
        proxy.sendRequest(id, "tools/call", longCall);
        proxy.await(m -> "notifications/progress".equals(m.path("method").asText()));
    }

    private static List<Long> descendants(Process process) {
        return process.toHandle().descendants().map(ProcessHandle::pid).toList();
    }
}
