package dev.patchworkmcp.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client of MCP 2026-07-28 meets at a server on the MCP Java SDK in this build (which serves the 2025 era
 * only): its {@code server/discover} probe is refused with Method not found, the server keeps running, and the
 * client's fallback to {@code initialize} reaches the feedback tool; on the SDK's separate 2026-07-28 server the
 * drop-in's modern tool answers directly. Raw JSON-RPC lines over stdio.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NewEraProbeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void refusesTheDiscoverProbeAndServesTheFallbackHandshake() throws Exception {
        Path spool = dir.resolve("spool.jsonl");
        List<String> lines = List.of("""
                {"jsonrpc":"2.0","id":1,"method":"server/discover","params":{"_meta":{\
                "io.modelcontextprotocol/protocolVersion":"2026-07-28",\
                "io.modelcontextprotocol/clientInfo":{"name":"probe","version":"1"},\
                "io.modelcontextprotocol/clientCapabilities":{}}}}""", """
                {"jsonrpc":"2.0","id":2,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
                "capabilities":{},"clientInfo":{"name":"probe","version":"1"}}}""", """
                {"jsonrpc":"2.0","method":"notifications/initialized"}""", """
                {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"feedback",\
                "arguments":{"what_i_needed":"a","what_i_tried":"b","gap_type":"other"}}}""");

        Map<Integer, JsonNode> answers = exchange(ExampleServer.class, lines, spool, 3);

        assertThat(answers.get(1).path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(answers.get(2).path("result").path("protocolVersion").asText())
                .isEqualTo("2025-11-25");
        assertThat(answers.get(3)
                        .path("result")
                        .path("content")
                        .get(0)
                        .path("text")
                        .asText())
                .contains("saved for replay");
        assertThat(Files.readAllLines(spool)).hasSize(1);
    }

    @Test
    void modernServerAnswersDiscoverAndTheFeedbackCallWithACompleteResult() throws Exception {
        Path spool = dir.resolve("spool.jsonl");
        String meta = """
                "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",\
                "io.modelcontextprotocol/clientInfo":{"name":"probe","version":"1"},\
                "io.modelcontextprotocol/clientCapabilities":{}}""";
        List<String> lines = List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{" + meta + "}}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{" + meta + "}}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"feedback\","
                        + "\"arguments\":{\"what_i_needed\":\"a\",\"what_i_tried\":\"b\",\"gap_type\":\"other\"},"
                        + meta + "}}");

        Map<Integer, JsonNode> answers = exchange(ModernExampleServer.class, lines, spool, 3);

        assertThat(answers.get(1).path("result").path("supportedVersions").toString())
                .contains("2026-07-28");
        assertThat(answers.get(2)
                        .path("result")
                        .path("tools")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("feedback");
        JsonNode call = answers.get(3).path("result");
        assertThat(call.path("resultType").asText()).isEqualTo("complete");
        assertThat(call.path("isError").asBoolean()).isTrue();
        assertThat(call.path("content").get(0).path("text").asText()).contains("saved for replay");
        JsonNode spooled = JSON.readTree(Files.readAllLines(spool).getFirst());
        assertThat(spooled.path("client_name").asText()).isEqualTo("probe");
        assertThat(spooled.path("protocol_version").asText()).isEqualTo("2026-07-28");
    }

    /** Writes the lines to the example server and reads answers until {@code count} requests have one. */
    private Map<Integer, JsonNode> exchange(Class<?> main, List<String> lines, Path spool, int count)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), main.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("FEEDBACK_SIDECAR_URL", "http://127.0.0.1:" + freePort());
        builder.environment().put("FEEDBACK_SPOOL_PATH", spool.toString());
        Process server = builder.start();
        BlockingQueue<String> output = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(output::add);
            } catch (IOException | UncheckedIOException e) {
                // the server ended; the deadline below reports what is missing
            }
        });
        Map<Integer, JsonNode> answers = new HashMap<>();
        try (OutputStream in = server.getOutputStream()) {
            for (String line : lines) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (answers.size() < count && System.nanoTime() < deadline) {
                String line = output.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                JsonNode answer = line == null ? null : JSON.readTree(line);
                if (answer != null && answer.has("id")) {
                    answers.put(answer.path("id").asInt(), answer);
                }
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(answers).as("answers within 30 s").hasSize(count);
        return answers;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
