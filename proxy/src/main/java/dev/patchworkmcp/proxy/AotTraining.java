package dev.patchworkmcp.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A training run for the JDK's AOT cache ({@code -XX:AOTCacheOutput}, JDK 25+), run by the launcher once per
 * build of the jar: one stdio session through {@link Main} exactly as {@code patchwork proxy} runs it (command
 * line, logging, a real child process, the relay, initialize, tools/list, a tool call), so that the classes the
 * proxy needs before it relays its first answers come from the cache. The child is a few lines of {@code sh}
 * that answer like an MCP server. No feedback report: its delivery would put the JDK's HTTP client and TLS
 * (about 900 classes) into the cache, and the JVM loads every cached class at startup. Never run as part of
 * serving.
 */
public final class AotTraining {

    private static final List<String> CLIENT = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"aot\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"message\":\"hi\"}}}");

    /** Answers the client's requests in order, then waits for EOF. */
    private static final String SERVER = """
            echo 'training server started' >&2
            read -r line
            echo '{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18","capabilities":{"tools":{}},\
            "serverInfo":{"name":"s","version":"1"},"instructions":"Use echo."}}'
            read -r line
            read -r line
            echo '{"jsonrpc":"2.0","id":2,"result":{"tools":[{"name":"echo","inputSchema":{"type":"object"}}]}}'
            read -r line
            echo '{"jsonrpc":"2.0","id":3,"result":{"content":[{"type":"text","text":"hi"}]}}'
            cat >/dev/null
            """;

    private AotTraining() {}

    public static void main(String[] args) throws Exception {
        Path outbox = Files.createTempDirectory("patchwork-aot-training");
        try {
            int code = train(outbox);
            if (code != 0) {
                System.err.println("patchwork proxy: AOT training session ended with exit code " + code);
                System.exit(1);
            }
        } finally {
            try (Stream<Path> files = Files.walk(outbox)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static int train(Path outbox) throws IOException {
        PipedInputStream stdin = new PipedInputStream(1 << 16);
        PipedOutputStream client = new PipedOutputStream(stdin);
        AnswerCounter stdout = new AnswerCounter(CLIENT.size() - 1);
        Thread.ofPlatform().name("aot-training-client").start(() -> {
            try (client) {
                for (String message : CLIENT) {
                    client.write((message + "\n").getBytes(StandardCharsets.UTF_8));
                }
                client.flush();
                stdout.await();
            } catch (IOException | InterruptedException e) {
                System.err.println("patchwork proxy: AOT training client failed: " + e);
            }
        });
        String[] command = {
            "--name",
            "aot-training",
            "--outbox",
            outbox.toString(),
            "--sidecar",
            "http://127.0.0.1:9",
            "--",
            "sh",
            "-c",
            SERVER
        };
        return Main.run(command, stdin, stdout);
    }

    /** The proxy's stdout in training: counts the answers (one per line). */
    private static final class AnswerCounter extends OutputStream {
        private final CountDownLatch answers;

        AnswerCounter(int expected) {
            this.answers = new CountDownLatch(expected);
        }

        @Override
        public void write(int b) {
            if (b == '\n') {
                answers.countDown();
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        void await() throws InterruptedException {
            answers.await(30, TimeUnit.SECONDS);
        }
    }
}
