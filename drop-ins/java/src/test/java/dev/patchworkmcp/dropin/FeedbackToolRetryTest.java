package dev.patchworkmcp.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.patchworkmcp.proxy.replay.ReplayCommand;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries on 429 and 5xx against a scripted loopback server. No clock involved: the tool records its waits
 * between attempts instead of sleeping.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FeedbackToolRetryTest {

    private static final Map<String, Object> ARGUMENTS = Map.of(
            "what_i_needed", "Export invoices as CSV", "what_i_tried", "list_invoices", "gap_type", "missing_tool");

    @TempDir
    Path dir;

    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private HttpServer fake;
    private Sidecar sidecar;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.stop(0);
        }
        if (sidecar != null) {
            sidecar.stop();
        }
    }

    @Test
    void retries429Then503AndSucceedsOnTheThirdAttemptUnderOneKey() {
        FeedbackTool tool = toolFor(fake(answer(429, "2"), answer(503, null), answer(201, null)));

        McpSchema.CallToolResult result = tool.call(null, ARGUMENTS);

        assertThat(result.isError()).isFalse();
        assertThat(text(result)).startsWith("Thank you.");
        assertThat(received).hasSize(3);
        assertThat(keys()).hasSize(1);
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertThat(dir.resolve("spool.jsonl")).doesNotExist();
    }

    @Test
    void aLongRetryAfterIsCappedAndAnHttpDateFallsBackToTheBackoff() {
        FeedbackTool tool =
                toolFor(fake(answer(429, "3600"), answer(503, "Wed, 21 Oct 2015 07:28:00 GMT"), answer(201, null)));

        McpSchema.CallToolResult result = tool.call(null, ARGUMENTS);

        assertThat(result.isError()).isFalse();
        assertThat(waits).containsExactly(FeedbackTool.MAX_RETRY_AFTER, FeedbackTool.BACKOFF.get(1));
    }

    @Test
    void aRejectedReportIsNeitherRetriedNorSpooled() {
        FeedbackTool tool = toolFor(fake(answer(422, null), answer(201, null)));

        McpSchema.CallToolResult result = tool.call(null, ARGUMENTS);

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("rejected", "scripted_422");
        assertThat(received).hasSize(1);
        assertThat(waits).isEmpty();
        assertThat(dir.resolve("spool.jsonl")).doesNotExist();
    }

    @Test
    void stillFailingAfterThreeAttemptsIsSpooledOnceAndReplayedOnce() throws Exception {
        FeedbackTool tool = toolFor(fake(answer(429, "1"), answer(503, null), answer(503, null), answer(201, null)));
        String session = "sess-java-retry-" + UUID.randomUUID();
        Map<String, Object> arguments = new HashMap<>(ARGUMENTS);
        arguments.put("session_id", session);

        McpSchema.CallToolResult result = tool.call(null, arguments);

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("HTTP 503", "saved for replay");
        assertThat(received).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        Path spool = dir.resolve("spool.jsonl");
        List<String> lines = Files.readAllLines(spool);
        assertThat(lines).hasSize(1);
        assertThat(keys()).containsExactly(idempotencyKeyOf(lines.get(0)));
        sidecar = Sidecar.start(SidecarConfig.forTests(dir.resolve("feedback.db")));
        int first = replay(spool);
        Files.writeString(spool, lines.get(0) + "\n");
        int second = replay(spool);
        assertThat(first).isZero();
        assertThat(second).isZero();
        assertThat(Files.readString(spool)).isEmpty();
        assertThat(storedFor(session)).isEqualTo(1);
    }

    private record Answer(int status, String retryAfter) {}

    private static Answer answer(int status, String retryAfter) {
        return new Answer(status, retryAfter);
    }

    /** A loopback server answering each POST with the next scripted answer (then 500), recording the headers. */
    private String fake(Answer... script) {
        Deque<Answer> answers = new ArrayDeque<>(List.of(script));
        try {
            fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fake.createContext("/api/feedback", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(Map.of(
                    "idempotency-key", exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    "body-key", idempotencyKeyOf(body)));
            Answer next;
            synchronized (answers) {
                next = answers.isEmpty() ? answer(500, null) : answers.poll();
            }
            byte[] answer = (next.status() < 300
                            ? "{\"id\":\"fake-id\",\"status\":\"recorded\"}"
                            : "{\"detail\":\"scripted answer\",\"code\":\"scripted_" + next.status()
                                    + "\",\"field\":null}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (next.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", next.retryAfter());
            }
            exchange.sendResponseHeaders(next.status(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        fake.start();
        return "http://127.0.0.1:" + fake.getAddress().getPort();
    }

    private FeedbackTool toolFor(String url) {
        return FeedbackTool.of("retry", new FeedbackTool.Options(url, "", dir.resolve("spool.jsonl")), waits::add);
    }

    private Set<String> keys() {
        return received.stream().flatMap(request -> request.values().stream()).collect(Collectors.toSet());
    }

    private static String idempotencyKeyOf(String json) {
        try {
            return McpJsonDefaults.getMapper()
                    .readValue(json, Map.class)
                    .get("idempotency_key")
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    private int replay(Path spool) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return ReplayCommand.run(
                new String[] {spool.toString()},
                Map.of("FEEDBACK_SIDECAR_URL", "http://127.0.0.1:" + sidecar.port()),
                sink,
                sink);
    }

    private int storedFor(String session) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + sidecar.port() + "/api/feedback?session_id=" + session))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Integer.parseInt(response.headers().firstValue("X-Total-Count").orElseThrow());
    }
}
