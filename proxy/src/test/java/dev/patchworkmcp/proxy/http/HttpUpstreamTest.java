package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.proxy.relay.MessageChannel;
import dev.patchworkmcp.proxy.relay.MessageListener;
import dev.patchworkmcp.proxy.relay.ProxyJson;
import dev.patchworkmcp.proxy.upstream.SseUpstream;
import dev.patchworkmcp.proxy.upstream.StreamableHttpUpstream;
import dev.patchworkmcp.proxy.upstream.UpstreamTarget;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The remote upstreams (Streamable HTTP, legacy SSE) against real server-everything instances. */
class HttpUpstreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

    @BeforeAll
    static void installPeers() throws Exception {
        HttpNodePeers.install();
    }

    /** Collects what a channel delivers. */
    private static final class Inbox implements MessageListener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<String> closed = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(String message) {
            messages.add(message);
        }

        @Override
        public void onClosed(String reason) {
            closed.add(reason);
        }

        JsonNode next() throws Exception {
            String message = messages.poll(20, TimeUnit.SECONDS);
            assertThat(message).as("a message within 20 s").isNotNull();
            return JSON.readTree(message);
        }
    }

    private static JsonNode toolsVia(MessageChannel channel) throws Exception {
        Inbox inbox = new Inbox();
        channel.start(inbox);
        channel.send(HttpRawExchange.INITIALIZE);
        assertThat(inbox.next().path("result").path("serverInfo").path("name").asText())
                .isNotEmpty();
        channel.send(HttpRawExchange.INITIALIZED);
        channel.send(TOOLS_LIST);
        JsonNode answer = inbox.next();
        while (!answer.path("id").asText().equals("2")) {
            answer = inbox.next();
        }
        return answer.path("result").path("tools");
    }

    @Test
    @Timeout(60)
    void streamableHttpUpstreamRelaysToolsExactlyAsTheServerSendsThemOverStdio() throws Exception {
        JsonNode direct;
        try (HttpTestStdioChannel stdio = new HttpTestStdioChannel(HttpNodePeers.everythingStdio())) {
            direct = toolsVia(stdio);
        }

        try (HttpNodePeers.Remote remote = HttpNodePeers.startEverything("streamableHttp");
                StreamableHttpUpstream upstream = new StreamableHttpUpstream(
                        new UpstreamTarget.StreamableHttp(URI.create(remote.url()), Map.of()), ProxyJson.of(JSON))) {
            JsonNode viaHttp = toolsVia(upstream);

            assertThat(viaHttp).isNotEmpty().isEqualTo(direct);
        }
    }

    @Test
    @Timeout(60)
    void sseUpstreamRelaysToolsExactlyAsTheServerSendsThemOverStdio() throws Exception {
        JsonNode direct;
        try (HttpTestStdioChannel stdio = new HttpTestStdioChannel(HttpNodePeers.everythingStdio())) {
            direct = toolsVia(stdio);
        }

        try (HttpNodePeers.Remote remote = HttpNodePeers.startEverything("sse");
                SseUpstream upstream = new SseUpstream(
                        new UpstreamTarget.Sse(URI.create(remote.url()), Map.of()), ProxyJson.of(JSON))) {
            JsonNode viaSse = toolsVia(upstream);

            assertThat(viaSse).isNotEmpty().isEqualTo(direct);
        }
    }

    @Test
    @Timeout(60)
    void unreachableServerAnswersEachRequestWithAnError() throws Exception {
        int closedPort = HttpNodePeers.freePort();
        try (StreamableHttpUpstream upstream = new StreamableHttpUpstream(
                new UpstreamTarget.StreamableHttp(URI.create("http://127.0.0.1:" + closedPort + "/mcp"), Map.of()),
                ProxyJson.of(JSON))) {
            Inbox inbox = new Inbox();
            upstream.start(inbox);

            upstream.send(HttpRawExchange.INITIALIZE);

            JsonNode answer = inbox.next();
            assertThat(answer.path("id").asInt()).isEqualTo(1);
            assertThat(answer.path("error").path("message").asText()).contains("could not be reached");
        }
    }

    @Test
    @Timeout(60)
    void extraHeadersReachTheServerAndTheirValuesAreNeverQuoted() throws Exception {
        HttpTestRelay relay = HttpTestRelay.everythingOverStdio();
        try (HttpFrontEnd guarded = HttpFrontEnd.start(
                HttpFrontEndOptions.defaults().withPort(0).withBearerToken("upstream-key"), relay, JSON)) {
            URI url = URI.create("http://127.0.0.1:" + guarded.port() + "/mcp");
            Inbox refused = new Inbox();
            try (StreamableHttpUpstream without = new StreamableHttpUpstream(
                    new UpstreamTarget.StreamableHttp(url, Map.of("X-Other", "x")), ProxyJson.of(JSON))) {
                without.start(refused);
                without.send(HttpRawExchange.INITIALIZE);
                assertThat(refused.next().path("error").path("message").asText())
                        .contains("HTTP 401");
            }

            try (StreamableHttpUpstream with = new StreamableHttpUpstream(
                    new UpstreamTarget.StreamableHttp(url, Map.of("Authorization", "Bearer upstream-key")),
                    ProxyJson.of(JSON))) {
                JsonNode tools = toolsVia(with);

                assertThat(tools).isNotEmpty();
                assertThat(tools.toString()).doesNotContain("upstream-key");
            }
        }
    }

    @Test
    @Timeout(90)
    void javaSdkClientReachesRemoteStreamableHttpServerThroughTheHttpFrontEnd() throws Exception {
        try (HttpNodePeers.Remote remote = HttpNodePeers.startEverything("streamableHttp");
                HttpFrontEnd frontEnd = HttpFrontEnd.start(
                        HttpFrontEndOptions.defaults().withPort(0),
                        new HttpTestRelay(() -> new StreamableHttpUpstream(
                                new UpstreamTarget.StreamableHttp(URI.create(remote.url()), Map.of()),
                                ProxyJson.of(JSON))),
                        JSON);
                McpSyncClient client = McpClient.sync(
                                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + frontEnd.port())
                                        .build())
                        .requestTimeout(Duration.ofSeconds(20))
                        .build()) {
            client.initialize();

            McpSchema.CallToolResult sum =
                    client.callTool(new McpSchema.CallToolRequest("get-sum", Map.of("a", 2, "b", 40)));

            assertThat(((McpSchema.TextContent) sum.content().getFirst()).text())
                    .contains("42");
        }
    }
}
