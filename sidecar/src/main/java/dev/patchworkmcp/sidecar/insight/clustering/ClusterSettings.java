package dev.patchworkmcp.sidecar.insight.clustering;

/**
 * Clustering settings. {@code threshold} is the cosine similarity a report needs to its nearest cluster's
 * centroid to join it ({@code FEEDBACK_CLUSTER_THRESHOLD}, default {@value #DEFAULT_THRESHOLD}): set high, it makes
 * small clusters that each hold one gap. {@code mergeThreshold} is the average similarity between the members of
 * two clusters of one server at which they are merged (average linkage, {@code FEEDBACK_CLUSTER_MERGE_THRESHOLD},
 * default {@value #DEFAULT_MERGE_THRESHOLD}): it gathers the small clusters of one gap; above 1 nothing is merged.
 */
public record ClusterSettings(double threshold, double mergeThreshold) {
    public static final double DEFAULT_THRESHOLD = 0.8;
    public static final double DEFAULT_MERGE_THRESHOLD = 0.5;

    public ClusterSettings {
        if (!(mergeThreshold > 0)) {
            throw new IllegalArgumentException("the cluster merge threshold must be an average similarity in (0, 1]"
                    + " (above 1 turns merging off), got " + mergeThreshold
                    + "; set FEEDBACK_CLUSTER_MERGE_THRESHOLD to e.g. 0.5");
        }
    }

    /** The defaults. */
    public static ClusterSettings defaults() {
        return new ClusterSettings(DEFAULT_THRESHOLD, DEFAULT_MERGE_THRESHOLD);
    }

    /** Only the nearest-centroid step, as before merging existed: {@code threshold} alone decides. */
    public static ClusterSettings withoutMerging(double threshold) {
        return new ClusterSettings(threshold, 2);
    }

    public boolean merging() {
        return mergeThreshold <= 1;
    }
}
