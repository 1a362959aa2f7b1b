package dev.patchworkmcp.sidecar.insight.clustering;

import dev.patchworkmcp.sidecar.insight.embedding.UnitVector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The centroids of every cluster, per server, in memory: a report joins the most similar cluster of its own
 * server when the cosine similarity to that cluster's centroid reaches the threshold, or starts a new one
 * (single-pass leader clustering with running means). Thread-safe: every method is synchronized, so two
 * reports arriving together cannot both start the same new cluster.
 */
public final class ClusterIndex {
    private final double threshold;
    private final Map<String, Map<String, Centroid>> byServer = new LinkedHashMap<>();

    public ClusterIndex(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the cluster threshold must be a cosine similarity in (0, 1], got "
                    + threshold + "; set FEEDBACK_CLUSTER_THRESHOLD to e.g. 0.72");
        }
        this.threshold = threshold;
    }

    /** Where a report went: the cluster, its similarity to the centroid before joining, and whether it is new. */
    public record Assignment(String clusterId, double similarity, boolean created) {}

    public double threshold() {
        return threshold;
    }

    /** Registers a cluster that already exists (loaded from the store). */
    public synchronized void put(String server, String clusterId, Centroid centroid) {
        byServer.computeIfAbsent(server, key -> new LinkedHashMap<>()).put(clusterId, centroid.copy());
    }

    /** The best cluster of {@code server} for {@code vector}, if one reaches the threshold. */
    public synchronized Optional<Assignment> nearest(String server, UnitVector vector) {
        String best = null;
        double bestSimilarity = -2;
        for (Map.Entry<String, Centroid> entry :
                byServer.getOrDefault(server, Map.of()).entrySet()) {
            double similarity = entry.getValue().similarity(vector);
            if (similarity > bestSimilarity) {
                best = entry.getKey();
                bestSimilarity = similarity;
            }
        }
        return best != null && bestSimilarity >= threshold
                ? Optional.of(new Assignment(best, bestSimilarity, false))
                : Optional.empty();
    }

    /** Adds {@code vector} to its nearest cluster, or to a new one named by {@code newId}. */
    public synchronized Assignment assign(String server, UnitVector vector, Supplier<String> newId) {
        Optional<Assignment> nearest = nearest(server, vector);
        if (nearest.isPresent()) {
            byServer.get(server).get(nearest.get().clusterId()).add(vector);
            return nearest.get();
        }
        String id = newId.get();
        byServer.computeIfAbsent(server, key -> new LinkedHashMap<>()).put(id, Centroid.of(vector));
        return new Assignment(id, 1.0, true);
    }

    /** Adds {@code vector} to a cluster chosen by a reviewer, whatever its similarity. */
    public synchronized void add(String server, String clusterId, UnitVector vector) {
        Map<String, Centroid> clusters = byServer.computeIfAbsent(server, key -> new LinkedHashMap<>());
        Centroid centroid = clusters.get(clusterId);
        if (centroid == null) {
            clusters.put(clusterId, Centroid.of(vector));
        } else {
            centroid.add(vector);
        }
    }

    public synchronized void remove(String server, String clusterId, UnitVector vector) {
        Centroid centroid = byServer.getOrDefault(server, Map.of()).get(clusterId);
        if (centroid != null) {
            centroid.remove(vector);
        }
    }

    /**
     * The cluster of {@code server} whose members are on average most similar to those of {@code clusterId}, when
     * that average reaches {@code threshold}; clusters that {@code allowed} rejects are skipped.
     */
    public synchronized Optional<String> mergePartner(
            String server, String clusterId, double threshold, Predicate<String> allowed) {
        Map<String, Centroid> clusters = byServer.getOrDefault(server, Map.of());
        Centroid self = clusters.get(clusterId);
        if (self == null) {
            return Optional.empty();
        }
        String best = null;
        double bestSimilarity = threshold;
        for (Map.Entry<String, Centroid> entry : clusters.entrySet()) {
            if (entry.getKey().equals(clusterId)) {
                continue;
            }
            double similarity = self.averageSimilarity(entry.getValue());
            if (similarity >= bestSimilarity && allowed.test(entry.getKey())) {
                best = entry.getKey();
                bestSimilarity = similarity;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Folds {@code from} into {@code into}; both must belong to {@code server}. */
    public synchronized void merge(String server, String from, String into) {
        Map<String, Centroid> clusters = byServer.getOrDefault(server, Map.of());
        Centroid source = clusters.remove(from);
        Centroid target = clusters.get(into);
        if (source != null && target != null) {
            target.addAll(source);
        }
    }

    public synchronized void drop(String server, String clusterId) {
        byServer.getOrDefault(server, Map.of()).remove(clusterId);
    }

    public synchronized Optional<Centroid> centroid(String server, String clusterId) {
        return Optional.ofNullable(byServer.getOrDefault(server, Map.of()).get(clusterId))
                .map(Centroid::copy);
    }

    public synchronized List<String> clusterIds(String server) {
        return List.copyOf(byServer.getOrDefault(server, Map.of()).keySet());
    }

    /** Takes {@code server}'s clusters from {@code rebuilt}, leaving every other server's as they are. */
    public synchronized void replaceServer(String server, ClusterIndex rebuilt) {
        Map<String, Centroid> clusters = new LinkedHashMap<>();
        synchronized (rebuilt) {
            rebuilt.byServer
                    .getOrDefault(server, Map.of())
                    .forEach((id, centroid) -> clusters.put(id, centroid.copy()));
        }
        byServer.put(server, clusters);
    }

    public synchronized void clear() {
        byServer.clear();
    }
}
