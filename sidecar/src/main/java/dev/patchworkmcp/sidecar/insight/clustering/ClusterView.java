package dev.patchworkmcp.sidecar.insight.clustering;

/** A cluster with what its reports add up to and its impact score: one row of the cluster list. Immutable. */
public record ClusterView(Cluster cluster, ClusterCounts counts, Severity severity) {}
