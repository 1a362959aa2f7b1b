package dev.patchworkmcp.sidecar.insight.clustering;

/** A stored report not yet embedded: what the clustering needs of it, and when it was stored. Immutable. */
record PendingReport(String id, String serverName, String timestamp, String text) {}
