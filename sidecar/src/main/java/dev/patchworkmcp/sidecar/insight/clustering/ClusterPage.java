package dev.patchworkmcp.sidecar.insight.clustering;

import java.util.List;

/** One page of the cluster list and how many clusters matched. Immutable. */
public record ClusterPage(List<ClusterView> items, int total) {
    public ClusterPage {
        items = List.copyOf(items);
    }
}
