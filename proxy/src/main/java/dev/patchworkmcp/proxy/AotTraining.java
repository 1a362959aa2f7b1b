package dev.patchworkmcp.proxy;

import dev.patchworkmcp.proxy.http.HttpFrontEndOptions;
import dev.patchworkmcp.proxy.relay.JsonRpcPeek;
import dev.patchworkmcp.proxy.relay.MessageChannel;
import dev.patchworkmcp.proxy.relay.MessageListener;
import dev.patchworkmcp.proxy.relay.MessageSummary;
import dev.patchworkmcp.proxy.relay.RelaySession;
import dev.patchworkmcp.proxy.upstream.UpstreamTarget;
import dev.patchworkmcp.proxy.upstream.Upstreams;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A training run for the JDK's AOT cache ({@code -XX:AOTCacheOutput}, JDK 25+), run once by the launcher: one
 * in-process session through the real relay (initialize, tools/list, a tool call, a feedback report into a
 * temporary outbox) against a scripted upstream, plus a real child process, so the classes the proxy needs at
 * startup are in the cache. Never run as part of serving.
 */
public final class AotTraining {

    private AotTraining() {}

    public static void main(String[] args) throws Exception {
        Path outbox = Files.createTempDirectory("patchwork-aot-training");
        try {
            train(outbox);
        } finally {
            try (Stream<Path> files = Files.walk(outbox)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static void train(Path outbox) throws InterruptedException, IOException {
        UpstreamTarget.Stdio child = new UpstreamTarget.Stdio(List.of("sh", "-c", "exit 0"), Map.of(), null);
        ProxyConfig config = new ProxyConfig(
                "aot-training",
                URI.create("http://127.0.0.1:9"),
                null,
                ProxyConfig.Serve.STDIO,
                HttpFrontEndOptions.defaults(),
                outbox,
                "feedback",
                child,
                false);
        Upstreams.open(child, "aot-training").close();
        ScriptedClient client = new ScriptedClient(List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"aot\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                        + "\"arguments\":{\"message\":\"hi\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"feedback\","
                        + "\"arguments\":{\"what_i_needed\":\"x\",\"what_i_tried\":\"y\",\"gap_type\":\"other\"}}}"));
        try (FeedbackProxy proxy = FeedbackProxy.start(config)) {
            RelaySession session = proxy.sessions().attach(client, new ScriptedServer(), null);
            client.awaitAnswers(4);
            session.close();
        }
    }

    /** Plays a client: sends its script, counts the responses. */
    private static final class ScriptedClient implements MessageChannel {
        private final List<String> script;
        private final CountDownLatch answers = new CountDownLatch(4);

        ScriptedClient(List<String> script) {
            this.script = script;
        }

        @Override
        public void start(MessageListener listener) {
            Thread.ofPlatform().start(() -> script.forEach(listener::onMessage));
        }

        @Override
        public void send(String message) {
            if (JsonRpcPeek.of(message).kind() == MessageSummary.Kind.RESPONSE) {
                answers.countDown();
            }
        }

        void awaitAnswers(int count) throws InterruptedException {
            answers.await(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {}
    }

    /** Plays an upstream MCP server with one tool. */
    private static final class ScriptedServer implements MessageChannel {
        private MessageListener listener;

        @Override
        public void start(MessageListener listener) {
            this.listener = listener;
        }

        @Override
        public void send(String message) {
            MessageSummary request = JsonRpcPeek.of(message);
            if (request.kind() != MessageSummary.Kind.REQUEST) {
                return;
            }
            String result = switch (request.method()) {
                case "initialize" ->
                    "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},\"serverInfo\":"
                            + "{\"name\":\"s\",\"version\":\"1\"},\"instructions\":\"Use echo.\"}";
                case "tools/list" -> "{\"tools\":[{\"name\":\"echo\",\"inputSchema\":{\"type\":\"object\"}}]}";
                default -> "{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}";
            };
            listener.onMessage("{\"result\":" + result + ",\"jsonrpc\":\"2.0\",\"id\":" + request.id() + "}");
        }

        @Override
        public void close() {}
    }
}
