package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real proxy process ({@code patchwork proxy --serve http}) with real clients and real upstreams. */
class HttpProxyEndToEndTest {

    @BeforeAll
    static void installPeers() throws Exception {
        HttpNodePeers.install();
    }

    private static McpSyncClient connect(McpClientTransport transport) {
        McpSyncClient client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    private static List<String> toolNames(McpSyncClient client) {
        return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    }

    private static String echo(McpSyncClient client) {
        McpSchema.CallToolResult result =
                client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "end to end")));
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    @Test
    @Timeout(120)
    void stdioUpstreamServedOverStreamableHttpOffersTheFeedbackToolAndAChildPerSession(@TempDir Path dir)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--name", "everything", "--"));
        args.addAll(HttpNodePeers.everythingStdio());
        List<ProcessHandle> children;
        try (HttpProxyProcess proxy = HttpProxyProcess.start(dir, args);
                McpSyncClient first = connect(
                        HttpClientStreamableHttpTransport.builder(proxy.url("")).build());
                McpSyncClient second = connect(
                        HttpClientSseClientTransport.builder(proxy.url("")).build())) {

            assertThat(toolNames(first)).contains("echo", "feedback");
            assertThat(toolNames(second)).contains("echo", "feedback");
            assertThat(echo(first)).isEqualTo("Echo: end to end");
            assertThat(echo(second)).isEqualTo("Echo: end to end");
            children = proxy.children();
            assertThat(children).hasSizeGreaterThanOrEqualTo(2);
        }
        HttpFrontEndTest.awaitTrue(() -> children.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(20));
    }

    @Test
    @Timeout(120)
    void remoteStreamableHttpUpstreamServedOverHttp(@TempDir Path dir) throws Exception {
        try (HttpNodePeers.Remote remote = HttpNodePeers.startEverything("streamableHttp");
                HttpProxyProcess proxy = HttpProxyProcess.start(dir, List.of("--url", remote.url()));
                McpSyncClient client = connect(
                        HttpClientStreamableHttpTransport.builder(proxy.url("")).build())) {

            assertThat(toolNames(client)).contains("echo", "feedback");
            assertThat(echo(client)).isEqualTo("Echo: end to end");
        }
    }

    @Test
    @Timeout(120)
    void remoteSseUpstreamServedOverHttp(@TempDir Path dir) throws Exception {
        try (HttpNodePeers.Remote remote = HttpNodePeers.startEverything("sse");
                HttpProxyProcess proxy =
                        HttpProxyProcess.start(dir, List.of("--url", remote.url(), "--transport", "sse"));
                McpSyncClient client = connect(
                        HttpClientStreamableHttpTransport.builder(proxy.url("")).build())) {

            assertThat(toolNames(client)).contains("echo", "feedback");
            assertThat(echo(client)).isEqualTo("Echo: end to end");
        }
    }

    @Test
    @Timeout(120)
    void tokenGuardsTheRealProxy(@TempDir Path dir) throws Exception {
        List<String> args = new ArrayList<>(List.of("--http-token", "e2e-token", "--"));
        args.addAll(HttpNodePeers.everythingStdio());
        try (HttpProxyProcess proxy = HttpProxyProcess.start(dir, args)) {

            int without = HttpRawExchange.post(proxy.url("/mcp"), HttpRawExchange.INITIALIZE, Map.of())
                    .statusCode();
            int with = HttpRawExchange.post(
                            proxy.url("/mcp"), HttpRawExchange.INITIALIZE, Map.of("Authorization", "Bearer e2e-token"))
                    .statusCode();

            assertThat(without).isEqualTo(401);
            assertThat(with).isEqualTo(200);
        }
    }
}
