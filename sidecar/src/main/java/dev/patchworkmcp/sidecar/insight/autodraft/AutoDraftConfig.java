package dev.patchworkmcp.sidecar.insight.autodraft;

import dev.patchworkmcp.sidecar.insight.clustering.ClusterCounts;

/**
 * The gate for drafting a PR without a human asking ({@code FEEDBACK_AUTO_DRAFT}, off by default): a cluster
 * qualifies once it has at least {@code minSessions} distinct sessions ({@code FEEDBACK_AUTO_DRAFT_MIN_SESSIONS})
 * and at least {@code minBlocked} blocked reports ({@code FEEDBACK_AUTO_DRAFT_MIN_BLOCKED}); at most one draft per
 * cluster per day. Immutable.
 */
public record AutoDraftConfig(boolean enabled, int minSessions, int minBlocked) {
    public static AutoDraftConfig off() {
        return new AutoDraftConfig(false, 5, 3);
    }

    public boolean qualifies(ClusterCounts counts) {
        return enabled && counts.sessions() >= minSessions && counts.blocked() >= minBlocked;
    }
}
