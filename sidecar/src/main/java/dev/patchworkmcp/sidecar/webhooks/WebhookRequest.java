package dev.patchworkmcp.sidecar.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.http.ApiException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Applies a create or update body to a webhook, validating each field present (422 naming it). Stateless. */
final class WebhookRequest {
    private WebhookRequest() {}

    static Webhook apply(JsonNode body, Webhook current) {
        String url = body.hasNonNull("url") ? url(body.get("url")) : current.url();
        if (url.isEmpty()) {
            throw ApiException.invalid("url", "url is required: the http(s) address that receives the events.");
        }
        String secret = body.hasNonNull("secret") ? body.get("secret").asText() : current.secret();
        WebhookFormat format = current.format();
        if (body.hasNonNull("format")) {
            String value = body.get("format").asText();
            if (!WebhookFormat.wireNames().contains(value)) {
                throw ApiException.notAllowed("format", value, WebhookFormat.wireNames());
            }
            format = WebhookFormat.fromWire(value);
        }
        Set<String> events = body.has("events") ? events(body.get("events")) : current.events();
        String server = body.hasNonNull("server_name")
                ? body.get("server_name").asText().strip()
                : current.serverName();
        Map<String, Double> thresholds =
                body.has("thresholds") ? thresholds(body.get("thresholds")) : current.thresholds();
        boolean enabled = current.enabled();
        if (body.has("enabled")) {
            if (!body.get("enabled").isBoolean()) {
                throw ApiException.invalid("enabled", "enabled must be true or false.");
            }
            enabled = body.get("enabled").asBoolean();
        }
        return new Webhook(current.id(), url, secret, format, events, server, thresholds, enabled, current.createdAt());
    }

    private static String url(JsonNode node) {
        String value = node.asText().strip();
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.invalid("url", "url must be an http or https address, e.g. https://hooks.slack.com/...");
    }

    private static Set<String> events(JsonNode node) {
        if (!node.isArray()) {
            throw ApiException.invalid("events", "events must be a list, e.g. [\"cluster.created\"].");
        }
        Set<String> events = new LinkedHashSet<>();
        for (JsonNode event : node) {
            if (!Webhook.EVENT_KINDS.contains(event.asText())) {
                throw ApiException.notAllowed("events", event.asText(), Webhook.EVENT_KINDS);
            }
            events.add(event.asText());
        }
        return events;
    }

    private static Map<String, Double> thresholds(JsonNode node) {
        if (!node.isObject()) {
            throw ApiException.invalid("thresholds", "thresholds must be an object, e.g. {\"sessions\": 5}.");
        }
        Map<String, Double> thresholds = new LinkedHashMap<>();
        for (var entry : node.properties()) {
            if (!Webhook.THRESHOLD_KEYS.contains(entry.getKey())) {
                throw ApiException.notAllowed("thresholds", entry.getKey(), Webhook.THRESHOLD_KEYS);
            }
            if (!entry.getValue().isNumber() || entry.getValue().asDouble() <= 0) {
                throw ApiException.invalid("thresholds", "threshold " + entry.getKey() + " must be a positive number.");
            }
            thresholds.put(entry.getKey(), entry.getValue().asDouble());
        }
        return thresholds;
    }
}
