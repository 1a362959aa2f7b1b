package dev.patchworkmcp.sidecar.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Delivers one event to one webhook: builds the body in the webhook's format, signs it, POSTs it and retries
 * with backoff until a 2xx or the attempts run out, reporting every attempt to a log as it happens.
 * Blocking (call it on a virtual thread); thread-safe.
 */
public final class WebhookSender {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final ObjectMapper json;
    private final RetryPolicy retry;
    private final Clock clock;

    public WebhookSender(ObjectMapper json, RetryPolicy retry, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.json = json;
        this.retry = retry;
        this.clock = clock;
    }

    /** Delivers with retries; returns the last attempt. Interrupting the thread stops the retries. */
    public DeliveryAttempt deliver(Webhook hook, WebhookEvent event, String deliveryId, Consumer<DeliveryAttempt> log) {
        byte[] body = body(hook.format(), event, deliveryId);
        DeliveryAttempt last = null;
        for (int number = 1; number <= retry.attempts(); number++) {
            if (number > 1 && !pause(retry.delayBefore(number))) {
                break;
            }
            last = attempt(hook, event, deliveryId, body, number);
            log.accept(last);
            if (last.ok()) {
                break;
            }
        }
        return last;
    }

    /** One attempt, no retry: what the dashboard's test button uses. */
    public DeliveryAttempt deliverOnce(Webhook hook, WebhookEvent event, String deliveryId) {
        return attempt(hook, event, deliveryId, body(hook.format(), event, deliveryId), 1);
    }

    private DeliveryAttempt attempt(Webhook hook, WebhookEvent event, String deliveryId, byte[] body, int number) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hook.url()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "PatchworkMCP-Webhook")
                .header("X-Patchwork-Event", event.kind())
                .header("X-Patchwork-Delivery", deliveryId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!hook.secret().isEmpty()) {
            request.header(WebhookSignature.HEADER, WebhookSignature.of(body, hook.secret()));
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            boolean ok = response.statusCode() / 100 == 2;
            return new DeliveryAttempt(
                    deliveryId,
                    hook.id(),
                    event.kind(),
                    number,
                    response.statusCode(),
                    ok ? "" : "the receiver answered HTTP " + response.statusCode(),
                    ok,
                    clock.instant());
        } catch (IOException | IllegalArgumentException e) {
            return new DeliveryAttempt(
                    deliveryId, hook.id(), event.kind(), number, 0, describe(e), false, clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryAttempt(
                    deliveryId, hook.id(), event.kind(), number, 0, "interrupted", false, clock.instant());
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "could not reach the receiver: " + message;
    }

    private static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Agent text must not become Slack mentions or links ({@code <!channel>}, {@code <url|label>}). */
    static String slackEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    byte[] body(WebhookFormat format, WebhookEvent event, String deliveryId) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (format) {
            case JSON -> {
                body.put("event", event.kind());
                body.put("delivery_id", deliveryId);
                body.put("timestamp", clock.instant().toString());
                body.put("summary", event.summary());
                body.put("data", event.data());
            }
            case SLACK -> body.put("text", "*PatchworkMCP* " + slackEscaped(event.summary()));
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise the " + event.kind() + " webhook body", e);
        }
    }
}
