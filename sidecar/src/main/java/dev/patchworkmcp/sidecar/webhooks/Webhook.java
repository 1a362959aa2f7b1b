package dev.patchworkmcp.sidecar.webhooks;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A registered receiver: where to POST, the HMAC secret, the body format, which event kinds it wants, an
 * optional server filter ({@code ""} = every server) and the cluster thresholds that fire
 * {@code cluster.threshold} (keys {@code reports}, {@code sessions}, {@code blocked}, {@code severity}; each
 * fires once per cluster). Immutable.
 */
public record Webhook(
        String id,
        String url,
        String secret,
        WebhookFormat format,
        Set<String> events,
        String serverName,
        Map<String, Double> thresholds,
        boolean enabled,
        Instant createdAt) {
    public static final List<String> EVENT_KINDS =
            List.of(WebhookEvent.CLUSTER_CREATED, WebhookEvent.CLUSTER_THRESHOLD, WebhookEvent.CLUSTER_REOPENED);
    public static final List<String> THRESHOLD_KEYS = List.of("reports", "sessions", "blocked", "severity");

    public Webhook {
        events = Set.copyOf(events);
        thresholds = Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
    }

    public boolean wants(String kind, String server) {
        return enabled
                && (kind.equals(WebhookEvent.PING) || events.contains(kind))
                && (serverName.isEmpty() || serverName.equals(server));
    }

    /** The secret as shown by the API: never the value, only whether there is one and its last 4 characters. */
    public String maskedSecret() {
        return secret.isEmpty() ? "" : "****" + secret.substring(Math.max(0, secret.length() - 4));
    }
}
