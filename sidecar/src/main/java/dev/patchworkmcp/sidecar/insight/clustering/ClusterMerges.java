package dev.patchworkmcp.sidecar.insight.clustering;

import io.helidon.dbclient.DbExecute;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The second step of clustering: after new reports joined or started clusters, each of those clusters is merged
 * with the cluster of its server whose members are on average most similar to its own (average linkage), while that
 * average reaches the merge threshold. The first step (nearest centroid at a high threshold) keeps clusters pure;
 * this step makes each gap whole again. Reviewers' decisions stand: a cluster is "held" when a reviewer placed its
 * reports (pinned by a merge, a move or a resolve, see {@link ClusterEdits}); two held clusters are never merged, so
 * a reviewer's split is never undone, and a held cluster always keeps its id, absorbing the new one. A resolved
 * cluster that absorbs new reports reopens, as when a report joins it directly. Otherwise the larger cluster keeps
 * its id (the older one on a tie). Runs inside the caller's transaction, under the service's lock. Not thread-safe
 * on its own.
 */
final class ClusterMerges {
    private final ClusterService service;
    private final ClusterStore store;
    private final ClusterSettings settings;

    ClusterMerges(ClusterService service) {
        this.service = service;
        this.store = service.store();
        this.settings = service.settings();
    }

    /**
     * Merges the cluster of each of {@code changes} as far as the threshold allows; returns the changes with every
     * merged-away cluster replaced by the one it went into (a reopened one's change says so).
     */
    List<ClusterChange> mergeTouched(DbExecute tx, ClusterIndex index, List<ClusterChange> changes) {
        if (!settings.merging()) {
            return changes;
        }
        Map<String, String> mergedInto = new LinkedHashMap<>();
        Set<String> reopened = new HashSet<>();
        for (ClusterChange change : changes) {
            String current = follow(mergedInto, change.clusterId());
            Optional<String> next;
            while ((next = mergeOnce(tx, index, change, current, mergedInto, reopened)).isPresent()) {
                current = next.get();
            }
        }
        List<ClusterChange> result = new ArrayList<>(changes.size());
        for (ClusterChange change : changes) {
            String id = follow(mergedInto, change.clusterId());
            ClusterChange.Kind kind = id.equals(change.clusterId())
                    ? change.kind()
                    : reopened.contains(id) ? ClusterChange.Kind.REOPENED : ClusterChange.Kind.JOINED;
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
            DbExecute tx,
            ClusterIndex index,
            ClusterChange change,
            String clusterId,
            Map<String, String> mergedInto,
            Set<String> reopened) {
        String server = change.serverName();
        Optional<Cluster> self = store.find(tx, clusterId);
        if (self.isEmpty()) {
            return Optional.empty();
        }
        boolean selfHeld = held(tx, self.get());
        Optional<String> partner = index.mergePartner(
                server, clusterId, settings.mergeThreshold(), other -> !(selfHeld && held(tx, other)));
        if (partner.isEmpty()) {
            return Optional.empty();
        }
        Cluster other = store.find(tx, partner.get()).orElseThrow();
        boolean selfStays = selfHeld
                || (!held(tx, other)
                        && index.centroid(server, clusterId).orElseThrow().count()
                                > index.centroid(server, other.id())
                                        .orElseThrow()
                                        .count());
        Cluster into = selfStays ? self.get() : other;
        String from = selfStays ? other.id() : clusterId;
        double similarity = index.centroid(server, into.id())
                .orElseThrow()
                .averageSimilarity(index.centroid(server, from).orElseThrow());
        index.merge(server, from, into.id());
        Centroid centroid = index.centroid(server, into.id()).orElseThrow();
        store.moveAll(tx, from, into.id());
        store.updateCentroid(
                tx, into.id(), centroid, ClusterService.mostCentral(store.members(tx, into.id()), centroid));
        store.deleteCluster(tx, from);
        store.event(
                tx,
                into.id(),
                "merged",
                String.format("merged cluster %s automatically (average similarity %.2f)", from, similarity));
        if (into.resolved()) {
            service.reopen(tx, into, change.feedbackId());
            reopened.add(into.id());
        }
        mergedInto.put(from, into.id());
        return Optional.of(into.id());
    }

    private boolean held(DbExecute tx, String clusterId) {
        return store.find(tx, clusterId).map(cluster -> held(tx, cluster)).orElse(true);
    }

    private boolean held(DbExecute tx, Cluster cluster) {
        return cluster.resolved() || store.hasPins(tx, cluster.id());
    }
}
