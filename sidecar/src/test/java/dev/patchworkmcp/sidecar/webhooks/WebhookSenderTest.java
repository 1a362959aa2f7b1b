package dev.patchworkmcp.sidecar.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebhookSenderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private static final WebhookEvent EVENT = new WebhookEvent(
            WebhookEvent.CLUSTER_CREATED, "New gap on costs: <!channel> date range", Map.of("cluster_id", "c1"));

    private static Webhook hook(String url, WebhookFormat format) {
        return new Webhook(
                "w1", url, "s3cret", format, Set.of(WebhookEvent.CLUSTER_CREATED), "", Map.of(), true, CLOCK.instant());
    }

    private static WebhookSender sender(int attempts) {
        return new WebhookSender(JSON, new RetryPolicy(attempts, Duration.ofMillis(1)), CLOCK);
    }

    @Test
    void signsTheExactBodyWithHmacSha256() throws Exception {
        try (LoopbackReceiver receiver = new LoopbackReceiver(0)) {
            DeliveryAttempt result =
                    sender(1).deliver(hook(receiver.url(), WebhookFormat.JSON), EVENT, "d1", attempt -> {});

            LoopbackReceiver.Received request = receiver.received.getFirst();
            assertThat(result.ok()).isTrue();
            assertThat(request.header(WebhookSignature.HEADER))
                    .isEqualTo(WebhookSignature.of(request.body().getBytes(StandardCharsets.UTF_8), "s3cret"));
            assertThat(request.header("X-Patchwork-Event")).isEqualTo("cluster.created");
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.get("event").asText()).isEqualTo("cluster.created");
            assertThat(body.get("data").get("cluster_id").asText()).isEqualTo("c1");
        }
    }

    @Test
    void retriesWithBackoffUntilTheReceiverAcceptsAndLogsEveryAttempt() throws Exception {
        try (LoopbackReceiver receiver = new LoopbackReceiver(2)) {
            List<DeliveryAttempt> log = new ArrayList<>();

            DeliveryAttempt result = sender(4).deliver(hook(receiver.url(), WebhookFormat.JSON), EVENT, "d2", log::add);

            assertThat(result.ok()).isTrue();
            assertThat(log).extracting(DeliveryAttempt::statusCode).containsExactly(500, 500, 204);
            assertThat(log).extracting(DeliveryAttempt::attempt).containsExactly(1, 2, 3);
            assertThat(receiver.received).hasSize(3);
        }
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheReason() throws Exception {
        try (LoopbackReceiver receiver = new LoopbackReceiver(10)) {
            List<DeliveryAttempt> log = new ArrayList<>();

            DeliveryAttempt result = sender(2).deliver(hook(receiver.url(), WebhookFormat.JSON), EVENT, "d3", log::add);

            assertThat(result.ok()).isFalse();
            assertThat(result.error()).contains("HTTP 500");
            assertThat(log).hasSize(2);
        }
    }

    @Test
    void sendsSlackMessagesWithAgentTextEscaped() throws Exception {
        try (LoopbackReceiver receiver = new LoopbackReceiver(0)) {
            sender(1).deliver(hook(receiver.url(), WebhookFormat.SLACK), EVENT, "d4", attempt -> {});

            JsonNode body = JSON.readTree(receiver.received.getFirst().body());
            assertThat(body.fieldNames()).toIterable().containsExactly("text");
            assertThat(body.get("text").asText()).contains("&lt;!channel&gt;").doesNotContain("<!channel>");
        }
    }

    @Test
    void reportsAnUnreachableReceiverAsAFailedAttempt() {
        DeliveryAttempt result =
                sender(1).deliver(hook("http://127.0.0.1:1/hook", WebhookFormat.JSON), EVENT, "d5", attempt -> {});

        assertThat(result.ok()).isFalse();
        assertThat(result.statusCode()).isZero();
        assertThat(result.error()).startsWith("could not reach the receiver");
    }

    @Test
    void backoffQuadruplesAfterEachFailure() {
        RetryPolicy policy = RetryPolicy.DEFAULT;

        assertThat(List.of(policy.delayBefore(2), policy.delayBefore(3), policy.delayBefore(4)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(16));
    }
}
