package dev.patchworkmcp.sidecar.insight.clustering;

import dev.patchworkmcp.sidecar.http.ApiException;
import java.util.List;
import java.util.UUID;

/**
 * A reviewer's changes to clusters: merge two, move a report to another cluster or out on its own, resolve
 * with the PR that fixed it, reopen, mark every report reviewed. Each runs under the service's lock in one
 * transaction. A merge, a move and a resolve pin the reports of the resulting cluster to it, so a re-cluster keeps
 * what the reviewer decided (see {@link Reclustering}). Thread-safe.
 */
public final class ClusterEdits {
    private final ClusterService service;
    private final ClusterStore store;

    public ClusterEdits(ClusterService service) {
        this.service = service;
        this.store = service.store();
    }

    /** Folds cluster {@code fromId} into {@code intoId}; both must belong to the same server. */
    public void merge(String intoId, String fromId) {
        if (intoId.equals(fromId)) {
            throw ApiException.invalid("from", "A cluster cannot be merged into itself; name another cluster.");
        }
        service.change(tx -> {
            Cluster into = store.find(tx, intoId).orElseThrow(() -> ApiException.notFound("Cluster", intoId));
            Cluster from = store.find(tx, fromId).orElseThrow(() -> ApiException.notFound("Cluster", fromId));
            if (!into.serverName().equals(from.serverName())) {
                throw new ApiException(
                        409,
                        "different_servers",
                        "from",
                        "Cluster " + fromId + " belongs to server '" + from.serverName() + "' and " + intoId + " to '"
                                + into.serverName() + "'; only clusters of one server can be merged.",
                        List.of());
            }
            service.index().merge(into.serverName(), fromId, intoId);
            Centroid centroid =
                    service.index().centroid(into.serverName(), intoId).orElseThrow();
            store.moveAll(tx, fromId, intoId);
            store.updateCentroid(tx, intoId, centroid, ClusterService.mostCentral(store.members(tx, intoId), centroid));
            store.deleteCluster(tx, fromId);
            if (into.resolved() && !from.resolved()) {
                store.reopen(tx, intoId, "");
            }
            store.pinMembers(tx, intoId, "merge");
            store.event(tx, intoId, "merged", "merged cluster " + fromId + " (" + from.title() + ")");
            return null;
        });
    }

    /**
     * Moves a report to cluster {@code toId}, or into a new cluster of its own when {@code toId} is null;
     * returns the report's new cluster id. A cluster left empty is deleted.
     */
    public String move(String feedbackId, String toId) {
        return service.change(tx -> {
            StoredVector report = store.vectorOf(tx, feedbackId)
                    .orElseThrow(() -> ApiException.notFound("Clustered report", feedbackId));
            String server = report.serverName();
            String fromId = report.clusterId();
            if (toId != null) {
                Cluster to = store.find(tx, toId).orElseThrow(() -> ApiException.notFound("Cluster", toId));
                if (!to.serverName().equals(server)) {
                    throw new ApiException(
                            409,
                            "different_servers",
                            "to",
                            "Report " + feedbackId + " is from server '" + server + "' but cluster " + toId
                                    + " belongs to '" + to.serverName() + "'.",
                            List.of());
                }
                if (toId.equals(fromId)) {
                    return toId;
                }
            }
            String target = toId == null ? UUID.randomUUID().toString() : toId;
            service.index().remove(server, fromId, report.vector());
            service.index().add(server, target, report.vector());
            Centroid targetCentroid = service.index().centroid(server, target).orElseThrow();
            store.moveReport(tx, feedbackId, target, targetCentroid.similarity(report.vector()));
            if (toId == null) {
                store.insertCluster(tx, target, server, feedbackId, targetCentroid);
                store.event(tx, target, "created", "report " + feedbackId + " moved out of cluster " + fromId);
            } else {
                store.updateCentroid(
                        tx,
                        target,
                        targetCentroid,
                        ClusterService.mostCentral(store.members(tx, target), targetCentroid));
                store.event(tx, target, "moved_in", "report " + feedbackId + " from cluster " + fromId);
            }
            store.pinMembers(tx, target, "move");
            List<StoredVector> left = store.members(tx, fromId);
            Centroid fromCentroid = service.index().centroid(server, fromId).orElseThrow();
            if (left.isEmpty() || fromCentroid.count() <= 0) {
                store.deleteCluster(tx, fromId);
                service.index().drop(server, fromId);
            } else {
                store.updateCentroid(tx, fromId, fromCentroid, ClusterService.mostCentral(left, fromCentroid));
                store.pinMembers(tx, fromId, "move"); // the reviewer separated them: a re-cluster must not rejoin
                store.event(tx, fromId, "moved_out", "report " + feedbackId + " to cluster " + target);
            }
            return target;
        });
    }

    /** Marks the cluster resolved by {@code prUrl} ("" when none); a later report reopens it. */
    public void resolve(String clusterId, String prUrl) {
        String url = prUrl == null ? "" : prUrl.strip();
        if (!url.isEmpty() && !(url.startsWith("https://") || url.startsWith("http://"))) {
            throw ApiException.invalid(
                    "pr_url", "pr_url must be the http(s) URL of the pull request that fixed the gap, or empty.");
        }
        service.change(tx -> {
            store.find(tx, clusterId).orElseThrow(() -> ApiException.notFound("Cluster", clusterId));
            store.resolve(tx, clusterId, url);
            store.pinMembers(tx, clusterId, "resolve");
            store.event(tx, clusterId, "resolved", url.isEmpty() ? "resolved" : "resolved by " + url);
            return null;
        });
    }

    public void reopen(String clusterId) {
        service.change(tx -> {
            store.find(tx, clusterId).orElseThrow(() -> ApiException.notFound("Cluster", clusterId));
            store.reopen(tx, clusterId, "");
            store.event(tx, clusterId, "reopened", "reopened by a reviewer");
            return null;
        });
    }

    /** Sets the reviewed flag of every report in the cluster; returns how many reports changed. */
    public int markReviewed(String clusterId, boolean reviewed) {
        service.require(clusterId);
        return store.markReviewed(clusterId, reviewed);
    }
}
