package dev.patchworkmcp.proxy.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.contract.FeedbackToolContract;
import dev.patchworkmcp.proxy.ProxyCommandLine;
import dev.patchworkmcp.proxy.ProxyConfig;
import dev.patchworkmcp.proxy.outbox.Outbox;
import dev.patchworkmcp.proxy.outbox.OutboxSender;
import dev.patchworkmcp.proxy.outbox.RetryPolicy;
import dev.patchworkmcp.proxy.outbox.SidecarClient;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the feedback tool tells the agent: the real sidecar's id when it took the report within the wait, else
 * plainly that the report is queued; the report is durable first and reaches the sidecar exactly once either way.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FeedbackAnswerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final RetryPolicy FAST =
            new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(500));
    private static final Pattern QUOTED_ID = Pattern.compile("^Recorded \\(report ([0-9a-f-]{36})\\)");

    @TempDir
    Path temp;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    private Sidecar startSidecar(int port) {
        Sidecar sidecar =
                Sidecar.start(SidecarConfig.forTests(temp.resolve("sidecar.db")).withPort(port));
        open.add(sidecar::stop);
        return sidecar;
    }

    private FeedbackTool tool(Outbox outbox, int sidecarPort, Duration wait) {
        SidecarClient client =
                new SidecarClient(URI.create("http://127.0.0.1:" + sidecarPort), null, "patchwork-proxy/test");
        OutboxSender sender = OutboxSender.start(outbox, client, FAST, wait);
        open.add(sender);
        return new FeedbackTool(FeedbackToolContract.load(), outbox, sender, JSON);
    }

    private static ObjectNode arguments() {
        return JSON.createObjectNode()
                .put("what_i_needed", "refund an order")
                .put("what_i_tried", "list_orders")
                .put("gap_type", "missing_tool");
    }

    private static SessionFacts facts() {
        return new SessionFacts(
                "answers", "session-1", "test-client", "1.0", "2025-06-18", List.of("a"), List.of(), null);
    }

    private static String text(ObjectNode result) {
        return result.path("content").path(0).path("text").asText();
    }

    @Test
    void byDefaultTheToolAnswersAtOnceAndTheSenderDeliversTheReport() throws Exception {
        Sidecar sidecar = startSidecar(0);
        Outbox outbox = new Outbox(temp.resolve("outbox"));
        FeedbackTool tool = tool(outbox, sidecar.port(), OutboxSender.DEFAULT_IMMEDIATE_WAIT);

        ObjectNode result = tool.call(arguments(), facts());

        assertThat(OutboxSender.DEFAULT_IMMEDIATE_WAIT).isZero();
        assertThat(result.path("isError").asBoolean()).isFalse();
        assertThat(text(result)).startsWith("Recorded (reference ").contains("on its way to the developers of answers");
        JsonNode items = awaitItems(
                sidecar, found -> found.size() == 1 && outbox.pending().isEmpty());
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("what_i_needed").asText()).isEqualTo("refund an order");
    }

    @Test
    void quotesTheIdTheSidecarGaveTheReport() throws Exception {
        Sidecar sidecar = startSidecar(0);
        Outbox outbox = new Outbox(temp.resolve("outbox"));
        FeedbackTool tool = tool(outbox, sidecar.port(), Duration.ofSeconds(10));

        ObjectNode result = tool.call(arguments(), facts());

        assertThat(result.path("isError").asBoolean()).isFalse();
        Matcher quoted = QUOTED_ID.matcher(text(result));
        assertThat(quoted.find()).as(text(result)).isTrue();
        JsonNode stored = get(sidecar, "/api/feedback/" + quoted.group(1));
        assertThat(stored.path("what_i_needed").asText()).isEqualTo("refund an order");
        assertThat(outbox.pending()).isEmpty();
        assertThat(awaitItems(sidecar, items -> items.size() == 1)).hasSize(1);
    }

    @Test
    void withTheSidecarDownSaysQueuedThenDeliversExactlyOnceWhenItComesBack() throws Exception {
        int port = freePort();
        Outbox outbox = new Outbox(temp.resolve("outbox"));
        FeedbackTool tool = tool(outbox, port, Duration.ofSeconds(10));

        ObjectNode result = tool.call(arguments(), facts());

        assertThat(result.path("isError").asBoolean()).isFalse();
        assertThat(text(result))
                .startsWith("Recorded: saved on this machine and queued")
                .contains("will be delivered");
        assertThat(text(result)).doesNotContain("Recorded (report");
        assertThat(outbox.pending()).hasSize(1);
        Sidecar sidecar = startSidecar(port);
        JsonNode items = awaitItems(
                sidecar, found -> found.size() >= 1 && outbox.pending().isEmpty());
        assertThat(items).hasSize(1);
    }

    @Test
    void aSidecarThatDoesNotAnswerInTimeGetsTheReportQueuedNotLost() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Outbox outbox = new Outbox(temp.resolve("outbox"));
            FeedbackTool tool = tool(outbox, silent.getLocalPort(), Duration.ofMillis(300));

            ObjectNode result = tool.call(arguments(), facts());

            assertThat(result.path("isError").asBoolean()).isFalse();
            assertThat(text(result)).startsWith("Recorded: saved on this machine and queued");
            assertThat(outbox.pending()).as("durable before the answer").hasSize(1);
        }
    }

    @Test
    void feedbackWaitIsConfigurableOnTheCommandLine() {
        ProxyConfig defaults = config(List.of("--", "x"), Map.of("HOME", "/tmp"));
        ProxyConfig seconds = config(List.of("--feedback-wait", "0.25", "--", "x"), Map.of("HOME", "/tmp"));
        ProxyConfig fromEnv = config(List.of("--", "x"), Map.of("HOME", "/tmp", "PATCHWORK_FEEDBACK_WAIT", "PT2S"));

        assertThat(defaults.feedbackWait()).isEqualTo(OutboxSender.DEFAULT_IMMEDIATE_WAIT);
        assertThat(seconds.feedbackWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(fromEnv.feedbackWait()).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> config(List.of("--feedback-wait", "soon", "--", "x"), Map.of("HOME", "/tmp")))
                .hasMessageContaining("--feedback-wait 'soon'");
    }

    private static ProxyConfig config(List<String> args, Map<String, String> env) {
        return ((ProxyCommandLine.Run) ProxyCommandLine.parse(args, env)).config();
    }

    private static JsonNode get(Sidecar sidecar, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.port() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode awaitItems(Sidecar sidecar, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode items = get(sidecar, "/api/feedback?server_name=answers");
        while (!done.test(items)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sidecar did not get the report within 60 s: " + items);
            }
            TimeUnit.MILLISECONDS.sleep(50);
            items = get(sidecar, "/api/feedback?server_name=answers");
        }
        return items;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
