package dev.patchworkmcp.sidecar.insight.clustering;

/**
 * A stored cluster: its server, status ({@value #OPEN} or {@value #RESOLVED}), title (the what-I-needed of its
 * most central report), size (reports assigned to it), the PR that resolved it, and when it was reopened by
 * which new report. Times are stored timestamps (ISO-8601 UTC text); absent ones are null. Immutable.
 */
public record Cluster(
        String id,
        String serverName,
        String status,
        String title,
        String titleFeedbackId,
        int size,
        String resolvedPrUrl,
        String resolvedAt,
        String reopenedAt,
        String reopenedBy,
        String createdAt,
        String updatedAt) {
    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";

    public boolean resolved() {
        return RESOLVED.equals(status);
    }
}
