package dev.patchworkmcp.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.proxy.JsonRpcPeer;
import dev.patchworkmcp.proxy.NodePeers;
import dev.patchworkmcp.proxy.ProxyLauncher;
import dev.patchworkmcp.proxy.outbox.Outbox;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality bar "reports lost when the sidecar is killed mid-load: 0, and 0 duplicates", in small: one real
 * proxy (its own JVM) wrapping server-everything, an agent sending uniquely marked reports, and the in-process
 * sidecar stopped while the proxy's outbox is still delivering, then started again on the same port and database
 * while reports keep coming. Every report
 * the agent was told was recorded must be stored exactly once.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SidecarRestartTest {
    private static final int REPORTS = 40;
    private static final String SERVER = "restart-test";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path temp;

    @BeforeAll
    static void installPeers() throws Exception {
        NodePeers.install();
    }

    @Test
    void storesEveryAcknowledgedReportExactlyOnceAcrossASidecarRestart() throws Exception {
        int port = freePort();
        SidecarConfig config =
                SidecarConfig.forTests(temp.resolve("sidecar.db")).withPort(port);
        Path outbox = temp.resolve("outbox");
        Sidecar first = Sidecar.start(config);
        Sidecar second = null;
        List<String> acknowledged = new ArrayList<>();
        try (JsonRpcPeer proxy = JsonRpcPeer.start(
                ProxyLauncher.command(
                        List.of(
                                "--name",
                                SERVER,
                                "--sidecar",
                                "http://127.0.0.1:" + port,
                                "--outbox",
                                outbox.toString()),
                        NodePeers.everything()),
                Files.createTempFile(temp, "proxy", ".err"))) {
            proxy.initialize(null);

            sendReports(proxy, 0, REPORTS / 3, acknowledged);
            first.stop();
            sendReports(proxy, REPORTS / 3, 2 * REPORTS / 3, acknowledged);
            second = Sidecar.start(config);
            sendReports(proxy, 2 * REPORTS / 3, REPORTS, acknowledged);
            awaitEmpty(new Outbox(outbox));

            Map<String, Long> stored = storedMarkers(port);
            assertThat(acknowledged).hasSize(REPORTS);
            assertThat(acknowledged)
                    .as("lost reports")
                    .allSatisfy(marker -> assertThat(stored).containsKey(marker));
            assertThat(stored)
                    .as("duplicated reports")
                    .allSatisfy((marker, count) -> assertThat(count).isEqualTo(1L));
            assertThat(stored).hasSize(REPORTS);
        } finally {
            if (second != null) {
                second.stop();
            }
        }
    }

    /** Sends the reports {@code from} (inclusive) to {@code to}, each marked; keeps the acknowledged markers. */
    private static void sendReports(JsonRpcPeer proxy, int from, int to, List<String> acknowledged) throws Exception {
        for (int i = from; i < to; i++) {
            String marker = "marker-" + i;
            ObjectNode params = JsonRpcPeer.JSON.createObjectNode().put("name", "feedback");
            params.putObject("arguments")
                    .put("what_i_needed", marker)
                    .put("what_i_tried", "echo")
                    .put("gap_type", "missing_tool");
            JsonNode result = proxy.request("tools/call", params).path("result");
            if (!result.path("isError").asBoolean()
                    && result.path("content").path(0).path("text").asText().startsWith("Recorded")) {
                acknowledged.add(marker);
            }
        }
    }

    /** Every stored report's marker with how often it is stored. */
    private static Map<String, Long> storedMarkers(int port) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + port + "/api/export?format=json&server_name=" + SERVER))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(JsonRpcPeer.JSON.readTree(response.body()).spliterator(), false)
                .map(item -> item.path("what_i_needed").asText())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static void awaitEmpty(Outbox outbox) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!outbox.pending().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "the outbox still holds " + outbox.pending().size() + " reports after 90 s");
            }
            Object pause = new Object();
            synchronized (pause) {
                pause.wait(50);
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
