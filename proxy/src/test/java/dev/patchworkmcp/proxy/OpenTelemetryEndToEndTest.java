package dev.patchworkmcp.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the standard {@code OTEL_*} variables the real proxy exports spans and the operation-duration metric
 * following the MCP semantic conventions to a real OpenTelemetry Collector, continues the agent's trace and
 * passes its span to the real server-everything in {@code _meta.traceparent}.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class OpenTelemetryEndToEndTest {

    private static final String AGENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String AGENT_SPAN = "00f067aa0ba902b7";

    @TempDir
    Path temp;

    @BeforeAll
    static void installPeers() throws Exception {
        NodePeers.install();
        OtelCollector.binary();
    }

    /** server-everything behind {@code tee}, so the test reads exactly what the server received. */
    private List<String> teedEverything(Path received) {
        String command = String.join(
                " ",
                NodePeers.everything().stream()
                        .map(OpenTelemetryEndToEndTest::shellQuote)
                        .toList());
        return List.of("sh", "-c", "tee " + shellQuote(received.toString()) + " | exec " + command);
    }

    /** The proxy's options in these tests, after {@code frontEnd} (empty for stdio). */
    private List<String> proxyArgs(String... frontEnd) {
        List<String> args = new ArrayList<>(List.of(frontEnd));
        args.addAll(List.of(
                "--name",
                "everything-otel",
                "--call-records",
                "off",
                "--outbox",
                temp.resolve("outbox").toString()));
        return args;
    }

    private JsonRpcPeer startProxy(List<String> upstream, Map<String, String> env) throws Exception {
        return JsonRpcPeer.start(
                ProxyLauncher.command(proxyArgs(), upstream), Files.createTempFile(temp, "proxy", ".err"), env);
    }

    private static Map<String, String> otel(OtelCollector collector, String protocol) {
        return Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                protocol.equals("grpc") ? collector.grpcEndpoint() : collector.httpEndpoint(),
                "OTEL_EXPORTER_OTLP_PROTOCOL",
                protocol,
                "OTEL_SERVICE_NAME",
                "proxy-under-test",
                "OTEL_METRIC_EXPORT_INTERVAL",
                "500",
                "OTEL_BSP_SCHEDULE_DELAY",
                "100");
    }

    @Test
    void exportsConventionalSpansAndTheDurationMetricOverHttpJson() throws Exception {
        Path received = temp.resolve("upstream-received.jsonl");
        try (OtelCollector collector = OtelCollector.start(temp);
                JsonRpcPeer proxy = startProxy(teedEverything(received), otel(collector, "http/json"))) {
            proxy.initialize(null);
            ObjectNode echo = RelayFidelityTest.call(
                    "echo", JsonRpcPeer.JSON.createObjectNode().put("message", "hi"));
            echo.putObject("_meta").put("traceparent", "00-" + AGENT_TRACE + "-" + AGENT_SPAN + "-01");
            proxy.request(41, "tools/call", echo);
            JsonNode missing = proxy.request(
                    42, "tools/call", RelayFidelityTest.call("search_orders", JsonRpcPeer.JSON.createObjectNode()));
            proxy.closeStdin();

            // initialize comes before the SDK has loaded, or just after: its span is exported either way (recorded
            // after the fact when it did not wait for the SDK).
            String log = collector.awaitReceived(List.of(
                    "tools/call echo",
                    "tools/call search_orders",
                    "mcp.server.operation.duration",
                    "Name           : initialize"));
            assertThat(span(log, "initialize")).contains("-> mcp.method.name: Str(initialize)");

            String echoSpan = span(log, "tools/call echo");
            assertThat(echoSpan)
                    .contains("Trace ID       : " + AGENT_TRACE)
                    .contains("Parent ID      : " + AGENT_SPAN)
                    .contains("Kind           : Server")
                    .contains("-> mcp.method.name: Str(tools/call)")
                    .contains("-> gen_ai.tool.name: Str(echo)")
                    .contains("-> jsonrpc.request.id: Str(41)")
                    .contains("-> mcp.protocol.version: Str(2025-06-18)")
                    .contains("-> network.transport: Str(pipe)")
                    .containsPattern("-> mcp.session.id: Str\\([0-9a-f-]{36}\\)")
                    .doesNotContain("error.type");
            String expectedError =
                    missing.has("error") ? missing.path("error").path("code").asText() : "tool_error";
            assertThat(span(log, "tools/call search_orders")).contains("-> error.type: Str(" + expectedError + ")");
            assertThat(log).contains("service.name: Str(proxy-under-test)");
            String ourSpan = field(echoSpan, "ID");
            String relayed = Files.readAllLines(received).stream()
                    .filter(line -> line.contains("\"echo\""))
                    .findFirst()
                    .orElseThrow();
            assertThat(relayed).contains("\"traceparent\":\"00-" + AGENT_TRACE + "-" + ourSpan + "-01\"");
        }
    }

    @Test
    void aReportCarriesTheTraceIdOfTheFeedbackCallThatFiledIt() throws Exception {
        Sidecar sidecar = Sidecar.start(SidecarConfig.forTests(temp.resolve("sidecar.db")));
        try (OtelCollector collector = OtelCollector.start(temp);
                JsonRpcPeer proxy = JsonRpcPeer.start(
                        ProxyLauncher.command(
                                List.of(
                                        "--name",
                                        "everything-otel",
                                        "--sidecar",
                                        SidecarApi.url(sidecar),
                                        "--outbox",
                                        temp.resolve("outbox").toString()),
                                NodePeers.everything()),
                        Files.createTempFile(temp, "proxy", ".err"),
                        otel(collector, "http/protobuf"))) {
            proxy.initialize(null);
            ObjectNode feedback = RelayFidelityTest.call(
                    "feedback",
                    JsonRpcPeer.JSON
                            .createObjectNode()
                            .put("what_i_needed", "orders by email")
                            .put("what_i_tried", "echo")
                            .put("gap_type", "missing_tool")
                            .put("resolution", "blocked"));
            feedback.putObject("_meta").put("traceparent", "00-" + AGENT_TRACE + "-" + AGENT_SPAN + "-01");

            proxy.request("tools/call", feedback);

            JsonNode report = SidecarApi.awaitFeedback(sidecar, "everything-otel", items -> items.size() == 1)
                    .get(0);
            assertThat(report.path("context").path("trace_id").asText()).isEqualTo(AGENT_TRACE);
            assertThat(span(collector.awaitReceived(List.of("tools/call feedback")), "tools/call feedback"))
                    .contains("Trace ID       : " + AGENT_TRACE);
        } finally {
            sidecar.stop();
        }
    }

    /** Over the HTTP front end the span says {@code network.transport: tcp}, and its session is the HTTP one. */
    @Test
    void spansOfTheHttpFrontEndNameTcp() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = ProxyLauncher.command(
                proxyArgs("--serve", "http", "--port", Integer.toString(port)), NodePeers.everything());
        try (OtelCollector collector = OtelCollector.start(temp)) {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(temp.resolve("proxy.err").toFile())
                    .redirectOutput(temp.resolve("proxy.out").toFile());
            builder.environment().putAll(otel(collector, "http/json"));
            Process proxy = builder.start();
            try {
                URI mcp = URI.create("http://127.0.0.1:" + port + "/mcp");
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> opened = awaitPost(http, mcp, null, """
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                        "capabilities":{},"clientInfo":{"name":"otel-http","version":"1.0.0"}}}""");
                String session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
                post(http, mcp, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
                HttpResponse<String> echoed = post(http, mcp, session, """
                        {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo",\
                        "arguments":{"message":"hi"}}}""");
                assertThat(echoed.body()).contains("hi");

                String echoSpan = span(collector.awaitReceived(List.of("tools/call echo")), "tools/call echo");

                assertThat(echoSpan)
                        .contains("-> network.transport: Str(tcp)")
                        .contains("-> mcp.session.id: Str(" + session + ")");
            } finally {
                proxy.destroy();
                if (!proxy.waitFor(15, TimeUnit.SECONDS)) {
                    proxy.destroyForcibly();
                }
            }
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI mcp, String session, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first POST, retried until the proxy listens (it starts in its own JVM). */
    private static HttpResponse<String> awaitPost(HttpClient http, URI mcp, String session, String body)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return post(http, mcp, session, body);
            } catch (ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    @Test
    void exportsOverHttpProtobuf() throws Exception {
        try (OtelCollector collector = OtelCollector.start(temp);
                JsonRpcPeer proxy = startProxy(NodePeers.everything(), otel(collector, "http/protobuf"))) {
            proxy.initialize(null);
            proxy.request(
                    "tools/call",
                    RelayFidelityTest.call(
                            "echo", JsonRpcPeer.JSON.createObjectNode().put("message", "hi")));
            proxy.closeStdin();

            String log = collector.awaitReceived(List.of("tools/call echo", "mcp.server.operation.duration"));

            assertThat(span(log, "tools/call echo")).contains("-> gen_ai.tool.name: Str(echo)");
        }
    }

    @Test
    void leavesRequestsUntouchedWhenTheSdkIsDisabled() throws Exception {
        Path received = temp.resolve("upstream-received.jsonl");
        Map<String, String> env = new java.util.HashMap<>(
                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9", "OTEL_SDK_DISABLED", "true"));
        try (JsonRpcPeer proxy = startProxy(teedEverything(received), env)) {
            proxy.initialize(null);

            proxy.request(
                    "tools/call",
                    RelayFidelityTest.call(
                            "echo", JsonRpcPeer.JSON.createObjectNode().put("message", "hi")));

            assertThat(Files.readString(received)).contains("\"echo\"").doesNotContain("traceparent");
        }
    }

    /** The debug exporter's block of the span with that name. */
    private static String span(String log, String name) {
        List<String> blocks = new ArrayList<>(Arrays.asList(log.split("Span #")));
        return blocks.stream()
                .filter(block -> block.contains("Name           : " + name + "\n"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span named '" + name + "' in:\n" + log));
    }

    private static String field(String block, String name) {
        Matcher matcher = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s+: (\\S+)$")
                .matcher(block);
        assertThat(matcher.find()).as("field %s in %s", name, block).isTrue();
        return matcher.group(1);
    }

    private static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
