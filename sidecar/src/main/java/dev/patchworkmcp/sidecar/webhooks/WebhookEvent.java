package dev.patchworkmcp.sidecar.webhooks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something a webhook is told about: {@code kind} is {@code cluster.created}, {@code cluster.threshold},
 * {@code cluster.reopened} or {@code ping}; {@code summary} is one line for humans (the Slack text);
 * {@code data} is the JSON payload (the cluster, the threshold crossed). Immutable.
 */
public record WebhookEvent(String kind, String summary, Map<String, Object> data) {
    public static final String CLUSTER_CREATED = "cluster.created";
    public static final String CLUSTER_THRESHOLD = "cluster.threshold";
    public static final String CLUSTER_REOPENED = "cluster.reopened";
    public static final String PING = "ping";

    public WebhookEvent {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
