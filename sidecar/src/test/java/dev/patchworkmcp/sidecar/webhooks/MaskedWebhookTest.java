package dev.patchworkmcp.sidecar.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import dev.patchworkmcp.sidecar.insight.InsightConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A secret in a report never reaches a webhook receiver: the report is masked when it arrives. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MaskedWebhookTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

    @TempDir
    Path dir;

    Sidecar sidecar;
    LoopbackReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        sidecar = Sidecar.start(SidecarConfig.forTests(dir.resolve("feedback.db"))
                .withInsight(InsightConfig.disabled().withWebhookRetry(3, Duration.ofMillis(1))));
        receiver = new LoopbackReceiver(0);
    }

    @AfterEach
    void stop() {
        receiver.close();
        sidecar.stop();
    }

    @Test
    void aWebhookPayloadCarriesTheMaskedTextOfAReport() throws Exception {
        assertThat(post("/api/webhooks", "{\"url\":\"" + receiver.url() + "\"}"))
                .isEqualTo(201);
        String report = "{\"server_name\":\"costs\",\"what_i_needed\":\"Costs of run 42 with my token " + TOKEN
                + "\",\"what_i_tried\":\"export GITHUB_TOKEN=" + TOKEN + " then get_costs\","
                + "\"gap_type\":\"missing_parameter\",\"session_id\":\"s1\"}";

        assertThat(post("/api/feedback", report)).isEqualTo(201);
        while (sidecar.parts().insight().clusters().processPending() > 0) {
            // cluster it now, so the webhook event follows
        }
        List<LoopbackReceiver.Received> events = awaitEvents();

        assertThat(events).isNotEmpty();
        assertThat(events).allSatisfy(event -> assertThat(event.body()).doesNotContain(TOKEN));
        assertThat(events.getFirst().body()).contains("[REDACTED:github-token]");
    }

    private int post(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private List<LoopbackReceiver.Received> awaitEvents() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && receiver.received.isEmpty()) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return List.copyOf(receiver.received);
    }
}
