package dev.patchworkmcp.sidecar.insight.clustering;

import io.helidon.dbclient.DbExecute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Rebuilds every cluster from the stored embeddings (nothing is re-embedded) without undoing a reviewer's
 * decisions: first every group of pinned reports (placed together by a merge, a move or a resolve, see
 * {@link ClusterEdits}) becomes its cluster again, under the same id; then the unpinned reports are assigned in
 * arrival order with the current threshold, joining those clusters or others; then clusters are merged by average
 * linkage as in {@link ClusterMerges}: never two pinned groups together, and a pinned group keeps its id. Titles are recomputed, and a rebuilt
 * cluster stays resolved when all of its reports came from resolved clusters (it takes the PR of the one that gave
 * it most reports). Ingest waits while it runs. Thread-safe.
 */
public final class Reclustering {
    private final ClusterService service;
    private final ClusterStore store;

    public Reclustering(ClusterService service) {
        this.service = service;
        this.store = service.store();
    }

    /** What a re-cluster did. */
    public record Result(int reports, int clustersBefore, int clustersAfter, long millis, long assignMillis) {}

    /** Re-clusters every server's reports. */
    public Result run() {
        return run("");
    }

    /** Re-clusters the reports of MCP server {@code server} only ("" = every server). */
    public Result run(String server) {
        return service.locked(() -> {
            while (service.processPending() > 0) {
                // Embed whatever arrived but was not clustered yet, so it is part of the rebuild.
            }
            long started = System.nanoTime();
            Map<String, Cluster> before = new HashMap<>();
            store.forEachCentroid(entry -> {
                if (server.isEmpty() || entry.getKey().serverName().equals(server)) {
                    before.put(entry.getKey().id(), entry.getKey());
                }
            });
            List<StoredVector> reports = new ArrayList<>();
            store.forEachVector(report -> {
                if (server.isEmpty() || report.serverName().equals(server)) {
                    reports.add(report);
                }
            });
            Map<String, String> pins = store.pins();

            Plan plan = plan(reports, pins);
            ClusterIndex rebuilt = plan.rebuilt();
            Map<String, List<Integer>> members = plan.members();
            double[] similarity = plan.similarity();
            long assigned = System.nanoTime();
            service.change(tx -> {
                store.clear(tx, server);
                List<ClusterStore.Assigned> rows = new ArrayList<>(reports.size());
                members.forEach((clusterId, indexes) -> {
                    StoredVector first = reports.get(indexes.getFirst());
                    Centroid centroid =
                            rebuilt.centroid(first.serverName(), clusterId).orElseThrow();
                    List<StoredVector> vectors =
                            indexes.stream().map(reports::get).toList();
                    store.insertCluster(
                            tx, clusterId, first.serverName(), ClusterService.mostCentral(vectors, centroid), centroid);
                    carryResolution(tx, clusterId, vectors, before);
                    for (int i : indexes) {
                        StoredVector report = reports.get(i);
                        rows.add(new ClusterStore.Assigned(
                                report.feedbackId(), clusterId, report.vector(), similarity[i]));
                    }
                });
                store.insertReports(tx, rows);
                return null;
            });
            if (server.isEmpty()) {
                service.replaceIndex(rebuilt);
            } else {
                service.index().replaceServer(server, rebuilt);
            }
            return new Result(
                    reports.size(),
                    before.size(),
                    members.size(),
                    (System.nanoTime() - started) / 1_000_000,
                    (assigned - started) / 1_000_000);
        });
    }

    /** The rebuilt index, each cluster's members (indexes into {@code reports}) and each report's similarity. */
    private record Plan(ClusterIndex rebuilt, Map<String, List<Integer>> members, double[] similarity) {}

    /** Pinned groups first, as they are; then every unpinned report in arrival order, by similarity. */
    private Plan plan(List<StoredVector> reports, Map<String, String> pins) {
        ClusterIndex rebuilt = new ClusterIndex(service.settings().threshold());
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        double[] similarity = new double[reports.size()];
        for (int i = 0; i < reports.size(); i++) {
            StoredVector report = reports.get(i);
            String group = pins.get(report.feedbackId());
            if (group != null) {
                rebuilt.add(report.serverName(), group, report.vector());
                members.computeIfAbsent(group, key -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<String, List<Integer>> group : members.entrySet()) {
            Centroid centroid = rebuilt.centroid(
                            reports.get(group.getValue().getFirst()).serverName(), group.getKey())
                    .orElseThrow();
            group.getValue()
                    .forEach(i ->
                            similarity[i] = centroid.similarity(reports.get(i).vector()));
        }
        boolean merging = service.settings().merging();
        Set<String> pinned = new HashSet<>(pins.values());
        for (int i = 0; i < reports.size(); i++) {
            StoredVector report = reports.get(i);
            if (pins.containsKey(report.feedbackId())) {
                continue;
            }
            ClusterIndex.Assignment assignment = rebuilt.assign(
                    report.serverName(),
                    report.vector(),
                    () -> UUID.randomUUID().toString());
            similarity[i] = assignment.similarity();
            members.computeIfAbsent(assignment.clusterId(), key -> new ArrayList<>())
                    .add(i);
            if (merging) {
                // As the online step does after each batch: keeps the number of clusters, and so the cost of
                // assigning the next report, as small as the merged clusters rather than the strict first step's.
                merge(reports, rebuilt, members, pinned, List.of(assignment.clusterId()));
            }
        }
        if (merging) {
            merge(reports, rebuilt, members, pinned, List.copyOf(members.keySet()));
            members.forEach((clusterId, indexes) -> {
                Centroid centroid = rebuilt.centroid(
                                reports.get(indexes.getFirst()).serverName(), clusterId)
                        .orElseThrow();
                indexes.forEach(
                        i -> similarity[i] = centroid.similarity(reports.get(i).vector()));
            });
        }
        return new Plan(rebuilt, members, similarity);
    }

    /**
     * Average-linkage merges over the planned clusters: each of {@code starts} in turn, merged until no partner
     * reaches the threshold.
     */
    private void merge(
            List<StoredVector> reports,
            ClusterIndex rebuilt,
            Map<String, List<Integer>> members,
            Set<String> pinned,
            List<String> starts) {
        double threshold = service.settings().mergeThreshold();
        for (String start : starts) {
            String current = start;
            while (members.containsKey(current)) {
                String server = reports.get(members.get(current).getFirst()).serverName();
                boolean currentPinned = pinned.contains(current);
                Optional<String> partner = rebuilt.mergePartner(
                        server, current, threshold, other -> !(currentPinned && pinned.contains(other)));
                if (partner.isEmpty()) {
                    break;
                }
                String other = partner.get();
                boolean currentStays = currentPinned
                        || (!pinned.contains(other)
                                && members.get(current).size()
                                        > members.get(other).size());
                String into = currentStays ? current : other;
                String from = currentStays ? other : current;
                rebuilt.merge(server, from, into);
                members.get(into).addAll(members.remove(from));
                if (pinned.remove(from)) {
                    pinned.add(into);
                }
                current = into;
            }
        }
    }

    private void carryResolution(
            DbExecute tx, String clusterId, List<StoredVector> vectors, Map<String, Cluster> before) {
        Map<String, Integer> origins = new HashMap<>();
        for (StoredVector vector : vectors) {
            Cluster old = before.get(vector.clusterId());
            if (old == null || !old.resolved()) {
                return;
            }
            origins.merge(old.id(), 1, Integer::sum);
        }
        origins.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(entry -> before.get(entry.getKey()))
                .ifPresent(old -> store.restoreResolved(tx, clusterId, old.resolvedPrUrl(), old.resolvedAt()));
    }
}
