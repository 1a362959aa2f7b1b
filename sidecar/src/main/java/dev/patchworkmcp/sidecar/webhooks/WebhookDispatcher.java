package dev.patchworkmcp.sidecar.webhooks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.insight.api.ClusterJson;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterChange;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterService;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns cluster changes into webhook deliveries: {@code cluster.created} for a new cluster,
 * {@code cluster.reopened} when a report lands in a resolved one, and {@code cluster.threshold} the first time a
 * cluster reaches one of a webhook's thresholds. Each delivery runs (with its retries) on its own virtual thread,
 * so clustering never waits for a receiver. Thread-safe.
 */
public final class WebhookDispatcher implements ClusterChange.Listener {
    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final WebhookStore store;
    private final WebhookSender sender;
    private final ClusterService clusters;
    private final ObjectMapper json;

    /** Sends {@code clusters}' changes through {@code sender}; {@code json} turns a cluster into the payload. */
    public WebhookDispatcher(WebhookStore store, WebhookSender sender, ClusterService clusters, ObjectMapper json) {
        this.store = store;
        this.sender = sender;
        this.clusters = clusters;
        this.json = json;
    }

    @Override
    public void changed(ClusterChange change) {
        if (store.list().stream().noneMatch(Webhook::enabled)) {
            return;
        }
        Optional<ClusterView> found = clusters.view(change.clusterId());
        if (found.isEmpty()) {
            return;
        }
        ClusterView view = found.get();
        Map<String, Object> cluster = json.convertValue(ClusterJson.item(view), MAP);
        String server = view.cluster().serverName();
        String title = "\"" + view.cluster().title() + "\"";
        for (Webhook hook : store.list()) {
            switch (change.kind()) {
                case CREATED ->
                    send(
                            hook,
                            server,
                            new WebhookEvent(
                                    WebhookEvent.CLUSTER_CREATED,
                                    "New gap on " + server + ": " + title,
                                    Map.of("cluster", cluster)));
                case REOPENED ->
                    send(
                            hook,
                            server,
                            new WebhookEvent(
                                    WebhookEvent.CLUSTER_REOPENED,
                                    "A resolved gap on " + server + " came back: " + title + " (new report "
                                            + change.feedbackId() + ")",
                                    Map.of("cluster", cluster, "report_id", change.feedbackId())));
                case JOINED -> {}
            }
            thresholds(hook, view, cluster, title);
        }
    }

    private void thresholds(Webhook hook, ClusterView view, Map<String, Object> cluster, String title) {
        String server = view.cluster().serverName();
        if (!hook.wants(WebhookEvent.CLUSTER_THRESHOLD, server)) {
            return;
        }
        Map<String, Double> values = Map.of(
                "reports", (double) view.counts().reports(),
                "sessions", (double) view.counts().sessions(),
                "blocked", (double) view.counts().blocked(),
                "severity", view.severity().score());
        hook.thresholds().forEach((name, limit) -> {
            Double value = values.get(name);
            if (value != null
                    && value >= limit
                    && store.cross(hook.id(), view.cluster().id(), name)) {
                Map<String, Object> threshold = new LinkedHashMap<>();
                threshold.put("name", name);
                threshold.put("value", value);
                threshold.put("limit", limit);
                send(
                        hook,
                        server,
                        new WebhookEvent(
                                WebhookEvent.CLUSTER_THRESHOLD,
                                "Gap on " + server + " reached " + format(value) + " " + name + " (threshold "
                                        + format(limit) + "): " + title + ", severity "
                                        + view.severity().score(),
                                Map.of("cluster", cluster, "threshold", threshold)));
            }
        });
    }

    private void send(Webhook hook, String server, WebhookEvent event) {
        if (!hook.wants(event.kind(), server)) {
            return;
        }
        String deliveryId = UUID.randomUUID().toString();
        Thread.ofVirtual().name("patchwork-webhook-" + hook.id()).start(() -> {
            try {
                sender.deliver(hook, event, deliveryId, store::log);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Webhook " + hook.id() + " delivery failed", e);
            }
        });
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
