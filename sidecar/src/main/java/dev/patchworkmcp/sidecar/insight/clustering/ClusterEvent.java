package dev.patchworkmcp.sidecar.insight.clustering;

/** One entry of a cluster's history ({@code created}, {@code merged}, {@code resolved}, ...). Immutable. */
public record ClusterEvent(String timestamp, String kind, String detail) {}
