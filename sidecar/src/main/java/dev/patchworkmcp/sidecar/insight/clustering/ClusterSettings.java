package dev.patchworkmcp.sidecar.insight.clustering;

/**
 * Clustering settings: {@code threshold} is the cosine similarity a report needs to its nearest cluster's
 * centroid to join it ({@code FEEDBACK_CLUSTER_THRESHOLD}, default {@value #DEFAULT_THRESHOLD}).
 */
public record ClusterSettings(double threshold) {
    public static final double DEFAULT_THRESHOLD = 0.5;
}
