package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.proxy.NpmInstall;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real proxy process serving {@code --serve http} to the Python {@code mcp} 2.3 client, in its default
 * {@code auto} mode (MCP 2026-07-28, stateless) and in {@code legacy} mode (2025-11-25, a session), over a stdio
 * upstream of each era, and the TypeScript SDK v2.4 (both modes) and v1.32 clients over a TypeScript v2 server that
 * refuses {@code initialize}; the feedback call's report reaches a real sidecar naming the client, its version, the
 * protocol version and the calls the agent made.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class HttpEraClientsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    private Sidecar sidecar;

    private static final Path NODE_V2 = Path.of("src/test/node-v2").toAbsolutePath();

    @BeforeAll
    static void installPeers() throws Exception {
        HttpPythonPeers.install();
        HttpNodePeers.install();
        NpmInstall.ensure(NODE_V2);
    }

    @AfterEach
    void stopSidecar() {
        if (sidecar != null) {
            sidecar.stop();
        }
    }

    private HttpProxyProcess proxy(String name, List<String> upstream) throws Exception {
        sidecar =
                Sidecar.start(SidecarConfig.forTests(dir.resolve("sidecar.db")).withPort(HttpNodePeers.freePort()));
        List<String> args =
                new ArrayList<>(List.of("--name", name, "--sidecar", "http://127.0.0.1:" + sidecar.port(), "--"));
        args.addAll(upstream);
        return HttpProxyProcess.start(dir, args);
    }

    private JsonNode runClient(HttpProxyProcess proxy, String mode, String clientName, String tool, String arguments)
            throws Exception {
        return run(proxy, HttpPythonPeers.client(proxy.url("/mcp"), mode, clientName, tool, arguments));
    }

    /** The TypeScript SDK v2 client over HTTP in {@code mode}, calling {@code add}, then the feedback tool. */
    private JsonNode runTypeScriptV2Client(HttpProxyProcess proxy, String mode) throws Exception {
        return run(
                proxy,
                List.of(
                        "node",
                        NODE_V2.resolve("http-era-client.mjs").toString(),
                        proxy.url("/mcp"),
                        mode,
                        "add",
                        "{\"a\":2,\"b\":3}"));
    }

    private JsonNode run(HttpProxyProcess proxy, List<String> command) throws Exception {
        Path out = Files.createTempFile(dir, "client", ".out");
        Process client = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!client.waitFor(90, TimeUnit.SECONDS)) {
            client.destroyForcibly();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(client.exitValue())
                .as(output + "\nproxy: " + Files.readString(proxy.stderr()))
                .isZero();
        return JSON.readTree(output.lines()
                .filter(line -> line.startsWith("{"))
                .reduce((first, second) -> second)
                .orElseThrow());
    }

    /** The sidecar's report from {@code clientName}, polled with a deadline. */
    private JsonNode report(String serverName, String clientName) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            for (JsonNode item : feedback(serverName)) {
                if (clientName.equals(item.path("client_name").asText())) {
                    return item;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no report from " + clientName + " within 60 s: " + feedback(serverName));
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private JsonNode feedback(String serverName) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + sidecar.port() + "/api/feedback?server_name=" + serverName))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static void assertReport(JsonNode report, String protocolVersion, String tool) {
        assertThat(report.path("client_version").asText()).isEqualTo("9.8.7");
        assertThat(report.path("protocol_version").asText()).isEqualTo(protocolVersion);
        assertThat(report.path("context")
                        .path("recent_calls")
                        .path(0)
                        .path("tool")
                        .asText())
                .isEqualTo(tool);
    }

    @Test
    void pythonClientsOfBothErasUseAModernUpstreamAndTheirReportsReachTheSidecar() throws Exception {
        try (HttpProxyProcess proxy = proxy("py-modern", HttpPythonPeers.serverStdio())) {

            JsonNode modern = runClient(proxy, "auto", "py-auto", "add", "{\"a\":2,\"b\":3}");
            JsonNode legacy = runClient(proxy, "legacy", "py-legacy", "add", "{\"a\":2,\"b\":3}");

            assertThat(modern.path("protocolVersion").asText()).isEqualTo("2026-07-28");
            assertThat(legacy.path("protocolVersion").asText()).isEqualTo("2025-11-25");
            for (JsonNode seen : List.of(modern, legacy)) {
                assertThat(seen.path("tools").toString()).contains("\"add\"", "\"feedback\"");
                assertThat(seen.path("call").asText()).isEqualTo("5");
                assertThat(seen.path("feedback").asText()).startsWith("Recorded");
                assertThat(seen.path("feedbackError").asBoolean()).isFalse();
            }
            assertReport(report("py-modern", "py-auto"), "2026-07-28", "add");
            assertReport(report("py-modern", "py-legacy"), "2025-11-25", "add");
        }
    }

    @Test
    void aStatelessClientWhoseUpstreamDiedGetsANewOneOnItsNextRequest() throws Exception {
        try (HttpProxyProcess proxy = proxy("py-restart", HttpPythonPeers.serverStdio())) {
            assertThat(runClient(proxy, "auto", "py-again", "add", "{\"a\":1,\"b\":1}")
                            .path("protocolVersion")
                            .asText())
                    .isEqualTo("2026-07-28");
            List<ProcessHandle> children = proxy.children();
            children.forEach(ProcessHandle::destroyForcibly);
            HttpFrontEndTest.awaitTrue(
                    () -> children.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(30));

            JsonNode again = runClient(proxy, "auto", "py-again", "add", "{\"a\":2,\"b\":3}");

            assertThat(children).isNotEmpty();
            assertThat(again.path("protocolVersion").asText()).isEqualTo("2026-07-28");
            assertThat(again.path("call").asText()).isEqualTo("5");
        }
    }

    @Test
    void pythonClientOfTheNewEraUsesAnOldEraUpstream() throws Exception {
        try (HttpProxyProcess proxy = proxy("everything-old", HttpNodePeers.everythingStdio())) {

            JsonNode modern = runClient(proxy, "auto", "py-auto", "echo", "{\"message\":\"hi\"}");

            assertThat(modern.path("protocolVersion").asText()).isEqualTo("2026-07-28");
            assertThat(modern.path("call").asText()).isEqualTo("Echo: hi");
            assertThat(modern.path("feedback").asText()).startsWith("Recorded");
            assertReport(report("everything-old", "py-auto"), "2026-07-28", "echo");
        }
    }

    @Test
    void typeScriptClientsOfBothErasUseAModernOnlyUpstream() throws Exception {
        List<String> upstream = List.of("node", NODE_V2.resolve("v2-server.mjs").toString(), "--modern-only");
        try (HttpProxyProcess proxy = proxy("ts-modern-only", upstream)) {

            JsonNode modern = runTypeScriptV2Client(proxy, "auto");
            JsonNode legacy = runTypeScriptV2Client(proxy, "legacy");

            assertThat(modern.path("era").asText()).isEqualTo("modern");
            assertThat(legacy.path("era").asText()).isEqualTo("legacy");
            for (JsonNode seen : List.of(modern, legacy)) {
                assertThat(seen.path("tools").toString()).contains("\"add\"", "\"feedback\"");
                assertThat(seen.path("call")
                                .path("content")
                                .path(0)
                                .path("text")
                                .asText())
                        .isEqualTo("5");
                assertThat(seen.path("feedback")
                                .path("content")
                                .path(0)
                                .path("text")
                                .asText())
                        .startsWith("Recorded");
            }
            JsonNode old = run(
                    proxy,
                    HttpNodePeers.script(
                            "ts-era-http-client.mjs", List.of(proxy.url("/mcp"), "add", "{\"a\":2,\"b\":3}")));
            assertThat(old.path("protocolVersion").asText()).isEqualTo("2025-11-25");
            assertThat(old.path("call").path("content").path(0).path("text").asText())
                    .isEqualTo("5");
            assertThat(old.path("feedback").path("content").path(0).path("text").asText())
                    .startsWith("Recorded");
            JsonNode report = report("ts-modern-only", "ts-sdk-v2-http-client");
            assertThat(report.path("client_version").asText()).isEqualTo("2.4.0");
            assertThat(report.path("context")
                            .path("recent_calls")
                            .path(0)
                            .path("tool")
                            .asText())
                    .isEqualTo("add");
        }
    }
}
