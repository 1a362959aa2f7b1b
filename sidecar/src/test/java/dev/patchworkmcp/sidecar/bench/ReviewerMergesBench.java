package dev.patchworkmcp.sidecar.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Do a few reviewer merges help the reports that come after them? Posts all but the last {@code next} reports of
 * a labelled set to a real sidecar; then, as a reviewer would, merges the two largest clusters of each of the
 * {@code merges} gaps split the most (over HTTP, {@code POST /api/clusters/{id}/merge}); then posts the last
 * {@code next} reports and scores where those went. Run with {@code merges=0} for the same without a reviewer.
 *
 * <p>Arguments: {@code <sidecar jar> <work dir> <set.jsonl> <merges> [next=1000]}.
 */
public final class ReviewerMergesBench {
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        List<ClusterQualityBench.Labelled> reports = ClusterQualityBench.read(Path.of(args[2]));
        int merges = Integer.parseInt(args[3]);
        int next = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        int first = reports.size() - next;
        Path db = work.resolve("reviewer.db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
        try (SidecarProcess sidecar = SidecarProcess.start(jar, db, work.resolve("reviewer-sidecar.log"))) {
            String url = sidecar.url();
            IngestBench.run(url, first, 8, i -> ClusterQualityBench.body(reports.get(i), i, "n/a"));
            Map<String, String> before = ClusterQualityBench.waitForClusters(url, first);
            int made = 0;
            for (List<String> pair : splitGaps(reports.subList(0, first), before, merges)) {
                ClusterQualityBench.post(
                        url + "/api/clusters/" + pair.get(0) + "/merge", "{\"from\":\"" + pair.get(1) + "\"}");
                made++;
            }
            IngestBench.run(url, next, 8, i -> ClusterQualityBench.body(reports.get(first + i), first + i, "n/a"));
            Map<String, String> after = ClusterQualityBench.waitForClusters(url, reports.size());
            List<String> predicted = new ArrayList<>();
            List<String> truth = new ArrayList<>();
            for (int i = first; i < reports.size(); i++) {
                predicted.add(after.get("r" + i));
                truth.add(reports.get(i).server() + "/" + reports.get(i).gap());
            }
            ClusterScores s = ClusterScores.of(predicted, truth);
            System.out.printf(
                    "%d reviewer merges after %d reports; the next %d reports -> %d clusters  NMI %.3f  ARI %.3f"
                            + "  purity %.3f  inverse purity %.3f  (load %.1f)%n",
                    made,
                    first,
                    next,
                    s.clusters(),
                    s.nmi(),
                    s.ari(),
                    s.purity(),
                    s.inversePurity(),
                    IngestBench.loadAverage());
        }
    }

    /** For the {@code limit} gaps whose second-largest cluster is largest: [largest cluster, second largest]. */
    private static List<List<String>> splitGaps(
            List<ClusterQualityBench.Labelled> reports, Map<String, String> clusterOf, int limit) {
        Map<String, Map<String, Integer>> byGap = new HashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            byGap.computeIfAbsent(reports.get(i).server() + "/" + reports.get(i).gap(), k -> new HashMap<>())
                    .merge(clusterOf.get("r" + i), 1, Integer::sum);
        }
        List<List<String>> pairs = new ArrayList<>();
        List<String> used = new ArrayList<>();
        byGap.values().stream()
                .map(counts -> counts.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .limit(2)
                        .toList())
                .filter(top -> top.size() == 2)
                .sorted(Comparator.comparing((List<Map.Entry<String, Integer>> top) ->
                                top.get(1).getValue())
                        .reversed())
                .forEach(top -> {
                    String into = top.get(0).getKey();
                    String from = top.get(1).getKey();
                    if (pairs.size() < limit && !used.contains(into) && !used.contains(from)) {
                        pairs.add(List.of(into, from));
                        used.add(into);
                        used.add(from);
                    }
                });
        return pairs;
    }
}
