package dev.patchworkmcp.sidecar.insight;

import dev.patchworkmcp.sidecar.insight.autodraft.AutoDraftConfig;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterSettings;
import dev.patchworkmcp.sidecar.webhooks.RetryPolicy;
import java.time.Duration;

/**
 * Gap-intelligence settings: whether reports are clustered as they arrive ({@code FEEDBACK_CLUSTERING}), the
 * similarity threshold ({@code FEEDBACK_CLUSTER_THRESHOLD}), webhook retries ({@code FEEDBACK_WEBHOOK_ATTEMPTS},
 * {@code FEEDBACK_WEBHOOK_FIRST_DELAY_MS}) and the auto-draft gate. Immutable.
 */
public record InsightConfig(
        boolean clustering, ClusterSettings clusters, RetryPolicy webhookRetry, AutoDraftConfig autoDraft) {

    /** Production defaults: clustering on, {@link ClusterSettings#defaults()}, 4 webhook attempts from 1 s, auto-drafts off. */
    public static InsightConfig defaults() {
        return new InsightConfig(true, ClusterSettings.defaults(), RetryPolicy.DEFAULT, AutoDraftConfig.off());
    }

    /** For tests of other features: no embedding model loaded, no background work. */
    public static InsightConfig disabled() {
        return new InsightConfig(false, ClusterSettings.defaults(), RetryPolicy.DEFAULT, AutoDraftConfig.off());
    }

    public InsightConfig withClusters(ClusterSettings newClusters) {
        return new InsightConfig(clustering, newClusters, webhookRetry, autoDraft);
    }

    public InsightConfig withClustering(boolean on) {
        return new InsightConfig(on, clusters, webhookRetry, autoDraft);
    }

    public InsightConfig withWebhookRetry(int attempts, Duration firstDelay) {
        return new InsightConfig(clustering, clusters, new RetryPolicy(attempts, firstDelay), autoDraft);
    }

    public InsightConfig withAutoDraft(AutoDraftConfig newAutoDraft) {
        return new InsightConfig(clustering, clusters, webhookRetry, newAutoDraft);
    }
}
