package dev.patchworkmcp.sidecar.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import dev.patchworkmcp.sidecar.feedback.FeedbackInput;
import dev.patchworkmcp.sidecar.insight.InsightConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebhookApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    Sidecar sidecar;
    LoopbackReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        // No background worker: the test clusters reports itself, so every webhook event is deterministic.
        sidecar = Sidecar.start(SidecarConfig.forTests(dir.resolve("feedback.db"))
                .withInsight(InsightConfig.disabled().withWebhookRetry(3, Duration.ofMillis(1))));
        receiver = new LoopbackReceiver(0);
    }

    @AfterEach
    void stop() {
        receiver.close();
        sidecar.stop();
    }

    private record Reply(int status, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    private Reply send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(
                request.method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private String createHook(String extra) throws Exception {
        Reply created =
                send("POST", "/api/webhooks", "{\"url\":\"" + receiver.url() + "\",\"secret\":\"k\"" + extra + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private void report(String session, String needed) {
        sidecar.parts()
                .feedback()
                .record(new FeedbackInput(
                        "costs",
                        needed,
                        "get_costs returned everything",
                        "missing_parameter",
                        "Add start_date and end_date to get_costs",
                        "",
                        "blocked",
                        "",
                        List.of(),
                        session,
                        "claude-code",
                        "",
                        "",
                        "",
                        "",
                        "",
                        null,
                        null));
        while (sidecar.parts().insight().clusters().processPending() > 0) {
            // cluster it now
        }
    }

    private static <T> T await(Supplier<T> probe) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        throw new AssertionError("gave up waiting after 30 s");
    }

    private List<LoopbackReceiver.Received> received(String event, int count) {
        return await(() -> {
            List<LoopbackReceiver.Received> matching = receiver.received.stream()
                    .filter(r -> event.equals(r.header("X-Patchwork-Event")))
                    .toList();
            return matching.size() >= count ? matching : null;
        });
    }

    @Test
    void createsListsChangesAndDeletesWebhooksWithoutShowingSecrets() throws Exception {
        Reply created = send("POST", "/api/webhooks", "{\"url\":\"" + receiver.url() + "\"}");
        String id = created.json().get("id").asText();

        Reply listed = send("GET", "/api/webhooks", null);
        Reply changed = send("PATCH", "/api/webhooks/" + id, "{\"format\":\"slack\",\"thresholds\":{\"sessions\":2}}");
        Reply badUrl = send("POST", "/api/webhooks", "{\"url\":\"ftp://x\"}");
        Reply badEvent = send("PATCH", "/api/webhooks/" + id, "{\"events\":[\"cluster.exploded\"]}");
        Reply deleted = send("DELETE", "/api/webhooks/" + id, null);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("secret").asText()).hasSize(48);
        assertThat(listed.json().get(0).get("secret").asText())
                .startsWith("****")
                .hasSize(8);
        assertThat(changed.json().get("format").asText()).isEqualTo("slack");
        assertThat(changed.json().get("thresholds").toString()).isEqualTo("{\"sessions\":2.0}");
        assertThat(badUrl.status()).isEqualTo(422);
        assertThat(badEvent.status()).isEqualTo(422);
        assertThat(badEvent.json().get("allowed").toString()).contains("cluster.created");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(send("GET", "/api/webhooks/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void theTestEndpointSendsASignedPingAndLogsIt() throws Exception {
        String id = createHook("");

        Reply tested = send("POST", "/api/webhooks/" + id + "/test", "{}");

        assertThat(tested.json().get("ok").asBoolean()).isTrue();
        LoopbackReceiver.Received ping = received("ping", 1).getFirst();
        assertThat(ping.header(WebhookSignature.HEADER))
                .isEqualTo(WebhookSignature.of(ping.body().getBytes(StandardCharsets.UTF_8), "k"));
        JsonNode log = send("GET", "/api/webhooks/" + id + "/deliveries", null).json();
        assertThat(log.get(0).get("event").asText()).isEqualTo("ping");
        assertThat(log.get(0).get("status_code").asInt()).isEqualTo(204);
    }

    @Test
    void announcesANewClusterAndEachThresholdOnce() throws Exception {
        createHook(",\"thresholds\":{\"sessions\":2}");

        report("s1", "I needed the costs for last month only, between two dates");
        report("s2", "Wanted to filter get_costs to a specific date range, e.g. March 1 to March 31");
        report("s3", "Needed cost data restricted to a time window instead of all time");

        JsonNode created =
                JSON.readTree(received("cluster.created", 1).getFirst().body());
        JsonNode threshold =
                JSON.readTree(received("cluster.threshold", 1).getFirst().body());
        assertThat(created.get("data").get("cluster").get("server_name").asText())
                .isEqualTo("costs");
        assertThat(threshold.get("data").get("threshold").get("name").asText()).isEqualTo("sessions");
        assertThat(threshold.get("summary").asText()).contains("reached 2 sessions");
        report("s4", "Could not limit costs to the past 7 days between dates");
        assertThat(receiver.received.stream()
                        .filter(r -> "cluster.threshold".equals(r.header("X-Patchwork-Event")))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void retriesAFailingReceiverAndLogsEveryAttempt() throws Exception {
        receiver.close();
        receiver = new LoopbackReceiver(1);
        String id = createHook(",\"events\":[\"cluster.created\"]");

        report("s1", "I needed the costs for last month only, between two dates");

        received("cluster.created", 2);
        JsonNode log = await(() -> {
            try {
                JsonNode entries =
                        send("GET", "/api/webhooks/" + id + "/deliveries", null).json();
                return entries.size() >= 2 ? entries : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(log.get(0).get("attempt").asInt()).isEqualTo(2);
        assertThat(log.get(0).get("ok").asBoolean()).isTrue();
        assertThat(log.get(1).get("status_code").asInt()).isEqualTo(500);
    }

    @Test
    void aPayloadCarriesTheMaskedTextOfAReport() throws Exception {
        String token = "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
        createHook("");
        String report = "{\"server_name\":\"costs\",\"what_i_needed\":\"Costs of run 42 with my token " + token
                + "\",\"what_i_tried\":\"export GITHUB_TOKEN=" + token + " then get_costs\","
                + "\"gap_type\":\"missing_parameter\",\"session_id\":\"s1\"}";

        assertThat(send("POST", "/api/feedback", report).status()).isEqualTo(201);
        while (sidecar.parts().insight().clusters().processPending() > 0) {
            // cluster it now, so the webhook event follows
        }
        String payload = received("cluster.created", 1).getFirst().body();

        assertThat(payload).doesNotContain(token).contains("[REDACTED:github-token]");
    }
}
