package dev.patchworkmcp.sidecar.insight.clustering;

import dev.patchworkmcp.sidecar.insight.embedding.UnitVector;

/** A report's stored embedding with its server and current cluster, in arrival order. Immutable. */
record StoredVector(String feedbackId, String serverName, String clusterId, String model, UnitVector vector) {}
