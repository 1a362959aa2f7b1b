package dev.patchworkmcp.sidecar.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.sidecar.http.ApiException;
import dev.patchworkmcp.sidecar.http.Json;
import dev.patchworkmcp.sidecar.http.JsonBodies;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/webhooks}: create, list, read, change and delete webhooks, read a webhook's delivery log, and send
 * it a test event ({@code POST /{id}/test}, one attempt, answered with the result). Secrets are shown only once,
 * when generated at creation. Thread-safe.
 */
public final class WebhookApi implements HttpService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookStore store;
    private final WebhookSender sender;
    private final JsonBodies bodies;
    private final Clock clock;

    public WebhookApi(WebhookStore store, WebhookSender sender, JsonBodies bodies, Clock clock) {
        this.store = store;
        this.sender = sender;
        this.bodies = bodies;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::create)
                .get("/{id}", this::get)
                .patch("/{id}", this::update)
                .delete("/{id}", this::delete)
                .get("/{id}/deliveries", this::deliveries)
                .post("/{id}/test", this::test);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, store.list().stream().map(WebhookApi::json).toList());
    }

    private void create(ServerRequest req, ServerResponse res) {
        JsonNode body = bodies.readObject(req);
        String secret = body.hasNonNull("secret") ? body.get("secret").asText() : generatedSecret();
        Webhook hook = WebhookRequest.apply(
                body,
                new Webhook(
                        UUID.randomUUID().toString(),
                        "",
                        secret,
                        WebhookFormat.JSON,
                        Set.copyOf(Webhook.EVENT_KINDS),
                        "",
                        Map.of("reports", 10.0, "sessions", 5.0, "blocked", 3.0),
                        true,
                        clock.instant()));
        store.save(hook);
        ObjectNode json = json(hook);
        if (!body.hasNonNull("secret")) {
            json.put("secret", secret);
        }
        Json.send(res, 201, json);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, json(require(req)));
    }

    private void update(ServerRequest req, ServerResponse res) {
        Webhook hook = WebhookRequest.apply(bodies.readObject(req), require(req));
        store.save(hook);
        Json.send(res, 200, json(hook));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        if (!store.delete(id(req))) {
            throw ApiException.notFound("Webhook", id(req));
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private void deliveries(ServerRequest req, ServerResponse res) {
        require(req);
        ArrayNode log = Json.MAPPER.createArrayNode();
        store.deliveries(id(req), 100).forEach(attempt -> log.add(json(attempt)));
        Json.send(res, 200, log);
    }

    private void test(ServerRequest req, ServerResponse res) {
        Webhook hook = require(req);
        DeliveryAttempt attempt = sender.deliverOnce(
                hook,
                new WebhookEvent(
                        WebhookEvent.PING, "Test delivery: this webhook works.", Map.of("webhook_id", hook.id())),
                UUID.randomUUID().toString());
        store.log(attempt);
        Json.send(res, 200, json(attempt));
    }

    private Webhook require(ServerRequest req) {
        return store.find(id(req)).orElseThrow(() -> ApiException.notFound("Webhook", id(req)));
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private static String generatedSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static ObjectNode json(Webhook hook) {
        ObjectNode json = Json.object()
                .put("id", hook.id())
                .put("url", hook.url())
                .put("secret", hook.maskedSecret())
                .put("format", hook.format().wireName())
                .put("server_name", hook.serverName())
                .put("enabled", hook.enabled())
                .put("created_at", hook.createdAt().toString());
        ArrayNode events = json.putArray("events");
        hook.events().stream().sorted().forEach(events::add);
        ObjectNode thresholds = json.putObject("thresholds");
        hook.thresholds().forEach(thresholds::put);
        return json;
    }

    static ObjectNode json(DeliveryAttempt attempt) {
        return Json.object()
                .put("delivery_id", attempt.deliveryId())
                .put("event", attempt.event())
                .put("attempt", attempt.attempt())
                .put("status_code", attempt.statusCode())
                .put("ok", attempt.ok())
                .put("error", attempt.error())
                .put("timestamp", attempt.at().toString());
    }
}
