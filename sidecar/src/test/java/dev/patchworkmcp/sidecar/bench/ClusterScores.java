package dev.patchworkmcp.sidecar.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How well predicted clusters match known gaps. NMI: mutual information over the mean of the two entropies (1 =
 * the same partition). ARI: pair agreement corrected for chance (0 = random). Purity: the share of reports that
 * belong to their cluster's most common gap (1 = no cluster mixes gaps). Inverse purity: the share of reports that
 * are in their gap's largest cluster (1 = no gap is split). Immutable.
 */
record ClusterScores(int clusters, int gaps, double nmi, double ari, double purity, double inversePurity) {

    /** Scores {@code predicted} cluster labels against {@code truth} gap labels, report by report. */
    static ClusterScores of(List<String> predicted, List<String> truth) {
        if (predicted.size() != truth.size() || predicted.isEmpty()) {
            throw new IllegalArgumentException("need as many predicted labels as true ones, and at least one");
        }
        int n = predicted.size();
        Map<String, Map<String, Integer>> table = new HashMap<>();
        Map<String, Integer> byCluster = new HashMap<>();
        Map<String, Integer> byGap = new HashMap<>();
        for (int i = 0; i < n; i++) {
            table.computeIfAbsent(predicted.get(i), k -> new HashMap<>()).merge(truth.get(i), 1, Integer::sum);
            byCluster.merge(predicted.get(i), 1, Integer::sum);
            byGap.merge(truth.get(i), 1, Integer::sum);
        }
        double mutual = 0;
        double togetherPairs = 0;
        Map<String, Integer> largestPerGap = new HashMap<>();
        int pure = 0;
        for (Map.Entry<String, Map<String, Integer>> cluster : table.entrySet()) {
            int largest = 0;
            for (Map.Entry<String, Integer> cell : cluster.getValue().entrySet()) {
                double p = cell.getValue() / (double) n;
                mutual += p
                        * Math.log(p
                                / ((byCluster.get(cluster.getKey()) / (double) n)
                                        * (byGap.get(cell.getKey()) / (double) n)));
                togetherPairs += pairs(cell.getValue());
                largest = Math.max(largest, cell.getValue());
                largestPerGap.merge(cell.getKey(), cell.getValue(), Math::max);
            }
            pure += largest;
        }
        double entropies = entropy(byCluster, n) + entropy(byGap, n);
        double nmi = entropies == 0 ? 1 : 2 * mutual / entropies;
        double clusterPairs =
                byCluster.values().stream().mapToDouble(ClusterScores::pairs).sum();
        double gapPairs =
                byGap.values().stream().mapToDouble(ClusterScores::pairs).sum();
        double expected = clusterPairs * gapPairs / pairs(n);
        double maximum = (clusterPairs + gapPairs) / 2;
        double ari = maximum == expected ? 1 : (togetherPairs - expected) / (maximum - expected);
        int whole = largestPerGap.values().stream().mapToInt(Integer::intValue).sum();
        return new ClusterScores(byCluster.size(), byGap.size(), nmi, ari, pure / (double) n, whole / (double) n);
    }

    private static double pairs(int count) {
        return count * (count - 1) / 2.0;
    }

    private static double entropy(Map<String, Integer> counts, int n) {
        double h = 0;
        for (int count : counts.values()) {
            double p = count / (double) n;
            h -= p * Math.log(p);
        }
        return h;
    }
}
