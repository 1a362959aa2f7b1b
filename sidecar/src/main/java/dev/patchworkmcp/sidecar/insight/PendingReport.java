package dev.patchworkmcp.sidecar.insight;

/** A stored report not yet embedded: what the clustering needs of it. Immutable. */
record PendingReport(String id, String serverName, String text) {}
