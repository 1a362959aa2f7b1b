package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.proxy.relay.MessageChannel;
import dev.patchworkmcp.proxy.relay.MessageListener;
import dev.patchworkmcp.proxy.relay.ProxyJson;
import dev.patchworkmcp.proxy.upstream.SseUpstream;
import dev.patchworkmcp.proxy.upstream.StdioUpstream;
import dev.patchworkmcp.proxy.upstream.StreamableHttpUpstream;
import dev.patchworkmcp.proxy.upstream.UpstreamStartException;
import dev.patchworkmcp.proxy.upstream.UpstreamTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --url} upstreams: a failure to reach one is named (refused, host not found, TLS), and a remote server of
 * MCP 2026-07-28 (the {@code mcp} 2.3 MCPServer over Streamable HTTP, which refuses requests without the new
 * headers) is spoken to without a session, with {@code Mcp-Method} / {@code Mcp-Name}, its refusals relayed as sent.
 */
@Timeout(180)
class HttpRemoteUpstreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INITIALIZE = HttpRawExchange.INITIALIZE;

    @TempDir
    Path dir;

    /** Starts the channel; what it delivers goes to the queue, and its closing as {@code {"closed": reason}}. */
    private static BlockingQueue<String> startInto(MessageChannel channel) {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        channel.start(new MessageListener() {
            @Override
            public void onMessage(String text) {
                received.add(text);
            }

            @Override
            public void onClosed(String reason) {
                received.add(JSON.createObjectNode().put("closed", reason).toString());
            }
        });
        return received;
    }

    /** The first message the channel delivers after sending {@code message}. */
    private static JsonNode answer(MessageChannel channel, String message) throws Exception {
        BlockingQueue<String> received = startInto(channel);
        channel.send(message);
        String text = received.poll(30, TimeUnit.SECONDS);
        channel.close();
        assertThat(text).as("an answer within 30 s").isNotNull();
        return JSON.readTree(text);
    }

    /** Why the channel failed: the error answering an initialize, or the reason the channel closed. */
    private static String errorOf(MessageChannel channel) throws Exception {
        JsonNode answer = answer(channel, INITIALIZE);
        return answer.has("closed")
                ? answer.path("closed").asText()
                : answer.path("error").path("message").asText();
    }

    private static URI refusedUrl() throws IOException {
        return URI.create("http://127.0.0.1:" + HttpNodePeers.freePort() + "/mcp");
    }

    @Test
    void anUnreachableUrlNamesTheRefusedConnection() throws Exception {
        URI url = refusedUrl();

        String streamable = errorOf(
                new StreamableHttpUpstream(new UpstreamTarget.StreamableHttp(url, Map.of()), ProxyJson.of(JSON)));
        String sse = errorOf(new SseUpstream(new UpstreamTarget.Sse(url, Map.of()), ProxyJson.of(JSON)));

        assertThat(streamable)
                .contains("connection refused by 127.0.0.1:" + url.getPort())
                .doesNotContain("null");
        assertThat(sse)
                .contains("connection refused by 127.0.0.1:" + url.getPort())
                .doesNotContain("null");
    }

    @Test
    void anUnknownHostIsNamed() throws Exception {
        URI url = URI.create("http://no-such-host.invalid/mcp");

        String message = errorOf(
                new StreamableHttpUpstream(new UpstreamTarget.StreamableHttp(url, Map.of()), ProxyJson.of(JSON)));

        assertThat(message).contains("host \"no-such-host.invalid\" not found");
    }

    @Test
    void httpsAgainstAPlainHttpServerNamesTls() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> answerPlainly(plain));
            URI url = URI.create("https://127.0.0.1:" + plain.getLocalPort() + "/mcp");

            String message = errorOf(
                    new StreamableHttpUpstream(new UpstreamTarget.StreamableHttp(url, Map.of()), ProxyJson.of(JSON)));

            assertThat(message).contains("TLS handshake", "https://");
        }
    }

    @Test
    void aCommandThatCannotStartIsNamedWithoutAStraySpace() {
        UpstreamTarget.Stdio target = new UpstreamTarget.Stdio(List.of("/nonexistent/mcp-server"), Map.of(), null);

        assertThatThrownBy(() -> new StdioUpstream(target, "x"))
                .isInstanceOf(UpstreamStartException.class)
                .hasMessageContaining("/nonexistent/mcp-server")
                .hasMessageNotContaining(" .");
    }

    @Test
    void aModernRequestReachesAModernRemoteWithoutASessionAndItsRefusalIsRelayed() throws Exception {
        try (HttpNodePeers.Remote remote = startPythonHttp()) {
            URI url = URI.create(remote.url());
            String call = """
                    {"jsonrpc":"2.0","id":"c1","method":"tools/call","params":{"name":"add","arguments":{"a":20,"b":22},\
                    "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",\
                    "io.modelcontextprotocol/clientCapabilities":{}}}}""";

            JsonNode added = answer(
                    new StreamableHttpUpstream(new UpstreamTarget.StreamableHttp(url, Map.of()), ProxyJson.of(JSON)),
                    call);
            JsonNode refused = answer(
                    new StreamableHttpUpstream(new UpstreamTarget.StreamableHttp(url, Map.of()), ProxyJson.of(JSON)),
                    call.replace("2026-07-28", "2099-01-01"));

            assertThat(added.path("id").asText()).isEqualTo("c1");
            assertThat(added.path("result").path("content").path(0).path("text").asText())
                    .isEqualTo("42");
            assertThat(refused.path("id").asText()).isEqualTo("c1");
            assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32022);
        }
    }

    private static long selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().contains("SelectorManager"))
                .count();
    }

    /**
     * Sessions to a remote share one HTTP client: twenty sessions open at once cost one selector thread, not
     * twenty (a client per session held two threads and about 4 MB each), and each still gets its own answers.
     */
    @Test
    void remoteSessionsShareOneHttpClient() throws Exception {
        try (HttpNodePeers.Remote remote = HttpNodePeers.startEverything("streamableHttp")) {
            URI url = URI.create(remote.url());
            long selectorsBefore = selectorThreads();
            List<MessageChannel> sessions = new ArrayList<>();
            List<BlockingQueue<String>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                MessageChannel session = new StreamableHttpUpstream(
                        new UpstreamTarget.StreamableHttp(url, Map.of()), ProxyJson.of(JSON));
                BlockingQueue<String> received = startInto(session);
                session.send(INITIALIZE.replace("\"id\":1", "\"id\":" + (100 + i)));
                sessions.add(session);
                answers.add(received);
            }
            try {
                for (int i = 0; i < 20; i++) {
                    String text = answers.get(i).poll(30, TimeUnit.SECONDS);
                    assertThat(text).as("session %d answered", i).isNotNull();
                    assertThat(JSON.readTree(text).path("id").asInt()).isEqualTo(100 + i);
                }
                // Other tests in this JVM may have made the shared client already: at most one more.
                assertThat(selectorThreads() - selectorsBefore)
                        .as("HTTP client selector threads added by 20 sessions")
                        .isLessThanOrEqualTo(1);
            } finally {
                sessions.forEach(MessageChannel::close);
            }
        }
    }

    @Test
    void pythonClientsOfBothErasReachAModernRemoteThroughTheProxy() throws Exception {
        HttpPythonPeers.install();
        try (HttpNodePeers.Remote remote = startPythonHttp();
                HttpProxyProcess proxy =
                        HttpProxyProcess.start(dir, List.of("--name", "remote", "--url", remote.url()))) {
            for (String mode : List.of("auto", "legacy")) {
                Path out = Files.createTempFile(dir, mode, ".out");
                Process client = new ProcessBuilder(HttpPythonPeers.client(
                                proxy.url("/mcp"), mode, "py-" + mode, "add", "{\"a\":2,\"b\":3}"))
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
                assertThat(client.waitFor(90, TimeUnit.SECONDS)).isTrue();
                String output = Files.readString(out, StandardCharsets.UTF_8);
                JsonNode seen = JSON.readTree(output.lines().reduce((a, b) -> b).orElse("{}"));

                assertThat(seen.path("protocolVersion").asText())
                        .as(output)
                        .isEqualTo(mode.equals("auto") ? "2026-07-28" : "2025-11-25");
                assertThat(seen.path("call").asText()).isEqualTo("5");
                assertThat(seen.path("feedback").asText()).startsWith("Recorded");
            }
        }
    }

    private static HttpNodePeers.Remote startPythonHttp() throws Exception {
        HttpPythonPeers.install();
        int port = HttpNodePeers.freePort();
        Path log = Files.createTempFile("python-http", ".log");
        List<String> command = new ArrayList<>(HttpPythonPeers.serverStdio());
        command.addAll(List.of("http", Integer.toString(port)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        HttpNodePeers.awaitListening(port, process, log);
        return new HttpNodePeers.Remote(process, port, "streamableHttp");
    }

    private static void answerPlainly(ServerSocket server) {
        try {
            while (true) {
                try (Socket socket = server.accept()) {
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        } catch (IOException closed) {
            // The test is over.
        }
    }
}
