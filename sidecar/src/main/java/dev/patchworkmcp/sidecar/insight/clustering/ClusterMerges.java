package dev.patchworkmcp.sidecar.insight.clustering;

import io.helidon.dbclient.DbExecute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The second step of clustering: after new reports joined or started clusters, each of those clusters is merged
 * with the cluster of its server whose members are on average most similar to its own (average linkage), while that
 * average reaches the merge threshold. The first step (nearest centroid at a high threshold) keeps clusters pure;
 * this step makes each gap whole again. Reviewers' decisions stand: a resolved cluster and a cluster holding reports
 * a reviewer placed (pinned by a merge, a move or a resolve, see {@link ClusterEdits}) take no part in automatic
 * merges, so a reviewer's split is never undone; new reports still join them by similarity. The larger cluster
 * keeps its id. Runs inside the caller's transaction, under the service's lock. Not thread-safe
 * on its own.
 */
final class ClusterMerges {
    private final ClusterStore store;
    private final ClusterSettings settings;

    ClusterMerges(ClusterStore store, ClusterSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * Merges each of {@code touched} (cluster ids of {@code index}) as far as the threshold allows; returns the
     * changes with every merged-away cluster replaced by the one it went into.
     */
    List<ClusterChange> mergeTouched(DbExecute tx, ClusterIndex index, List<ClusterChange> changes) {
        if (!settings.merging()) {
            return changes;
        }
        Map<String, String> mergedInto = new LinkedHashMap<>();
        for (ClusterChange change : new LinkedHashSet<>(changes)) {
            String current = follow(mergedInto, change.clusterId());
            Optional<String> next;
            while ((next = mergeOnce(tx, index, change.serverName(), current, mergedInto)).isPresent()) {
                current = next.get();
            }
        }
        List<ClusterChange> result = new ArrayList<>(changes.size());
        for (ClusterChange change : changes) {
            String id = follow(mergedInto, change.clusterId());
            ClusterChange.Kind kind = id.equals(change.clusterId()) ? change.kind() : ClusterChange.Kind.JOINED;
            result.add(new ClusterChange(kind, id, change.serverName(), change.feedbackId()));
        }
        return result;
    }

    private static String follow(Map<String, String> mergedInto, String id) {
        String current = id;
        while (mergedInto.containsKey(current)) {
            current = mergedInto.get(current);
        }
        return current;
    }

    /** One merge of {@code clusterId} with its best partner; the surviving cluster's id, if a merge happened. */
    private Optional<String> mergeOnce(
            DbExecute tx, ClusterIndex index, String server, String clusterId, Map<String, String> mergedInto) {
        if (!mergeable(tx, clusterId)) {
            return Optional.empty();
        }
        Optional<String> partner =
                index.mergePartner(server, clusterId, settings.mergeThreshold(), other -> mergeable(tx, other));
        if (partner.isEmpty()) {
            return Optional.empty();
        }
        String other = partner.get();
        boolean selfStays = index.centroid(server, clusterId).orElseThrow().count()
                >= index.centroid(server, other).orElseThrow().count();
        String into = selfStays ? clusterId : other;
        String from = selfStays ? other : clusterId;
        double similarity = index.centroid(server, into)
                .orElseThrow()
                .averageSimilarity(index.centroid(server, from).orElseThrow());
        index.merge(server, from, into);
        Centroid centroid = index.centroid(server, into).orElseThrow();
        store.moveAll(tx, from, into);
        store.updateCentroid(tx, into, centroid, ClusterService.mostCentral(store.members(tx, into), centroid));
        store.deleteCluster(tx, from);
        store.event(
                tx,
                into,
                "merged",
                String.format("merged cluster %s automatically (average similarity %.2f)", from, similarity));
        mergedInto.put(from, into);
        return Optional.of(into);
    }

    private boolean mergeable(DbExecute tx, String clusterId) {
        Optional<Cluster> cluster = store.find(tx, clusterId);
        return cluster.isPresent() && !cluster.get().resolved() && !store.hasPins(tx, clusterId);
    }
}
