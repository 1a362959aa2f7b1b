package dev.patchworkmcp.sidecar.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.insight.LabelledReports.Labelled;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterIndex;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterSettings;
import dev.patchworkmcp.sidecar.insight.embedding.ReportEmbedder;
import dev.patchworkmcp.sidecar.insight.embedding.UnitVector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clustering quality on a generated labelled set, as pairwise precision and recall over pairs of reports
 * of the same server: precision = share of pairs put together that belong together; recall = share of
 * pairs that belong together that were put together.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusteringQualityTest {
    static final double PRECISION_FLOOR = 0.90;
    /**
     * The defaults are chosen on the public labelled sets of bench/clusters (see bench/README.md), not on this
     * hand-written one: here they give precision 1.00 and recall 0.65 (a merge threshold of 0.45 gives 0.83, but
     * costs 0.03 NMI and 0.08 purity on the public sets).
     */
    static final double RECALL_FLOOR = 0.60;

    private static List<Labelled> reports;
    private static List<UnitVector> vectors;

    @BeforeAll
    static void embedTheLabelledSet() {
        reports = new ArrayList<>(LabelledReports.all());
        Collections.shuffle(reports, new Random(42));
        vectors = ReportEmbedder.open()
                .embedAll(reports.stream().map(Labelled::text).toList());
    }

    @Test
    void keepsRewordedDuplicatesTogetherAndDifferentGapsApartWithTheDefaults() {
        double[] score = score(ClusterSettings.defaults());

        System.out.printf(
                "clustering quality with %s: precision %.3f, recall %.3f%n",
                ClusterSettings.defaults(), score[0], score[1]);
        assertThat(score[0]).as("pairwise precision").isGreaterThanOrEqualTo(PRECISION_FLOOR);
        assertThat(score[1]).as("pairwise recall").isGreaterThanOrEqualTo(RECALL_FLOOR);
    }

    @Test
    void theMergeStepGathersWhatAHighThresholdSplit() {
        double[] alone = score(ClusterSettings.withoutMerging(0.95));
        double[] merged = score(new ClusterSettings(0.95, ClusterSettings.DEFAULT_MERGE_THRESHOLD));

        assertThat(merged[1]).as("recall with merging").isGreaterThan(alone[1] + 0.2);
    }

    @Test
    void aThresholdOfOneSplitsEveryReport() {
        double[] score = score(ClusterSettings.withoutMerging(1.0));

        assertThat(score[1]).as("recall with no merging at all").isLessThan(0.05);
    }

    /** Both steps, as a re-cluster runs them: nearest centroid, then each cluster merged while it can be. */
    static double[] score(ClusterSettings settings) {
        ClusterIndex index = new ClusterIndex(settings.threshold());
        List<String> assigned = new ArrayList<>();
        int[] next = {0};
        for (int i = 0; i < reports.size(); i++) {
            assigned.add(index.assign(reports.get(i).server(), vectors.get(i), () -> "c" + next[0]++)
                    .clusterId());
        }
        if (settings.merging()) {
            for (int i = 0; i < reports.size(); i++) {
                String server = reports.get(i).server();
                String current = assigned.get(i);
                Optional<String> partner;
                while ((partner = index.mergePartner(server, current, settings.mergeThreshold(), other -> true))
                        .isPresent()) {
                    String from = partner.get();
                    index.merge(server, from, current);
                    Collections.replaceAll(assigned, from, current);
                }
            }
        }
        long truePositives = 0, falsePositives = 0, falseNegatives = 0;
        for (int i = 0; i < reports.size(); i++) {
            for (int j = i + 1; j < reports.size(); j++) {
                if (!reports.get(i).server().equals(reports.get(j).server())) {
                    continue;
                }
                boolean together = assigned.get(i).equals(assigned.get(j));
                boolean belong = reports.get(i).gap().equals(reports.get(j).gap());
                if (together && belong) truePositives++;
                if (together && !belong) falsePositives++;
                if (!together && belong) falseNegatives++;
            }
        }
        double precision =
                truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        double recall = (double) truePositives / (truePositives + falseNegatives);
        return new double[] {precision, recall};
    }
}
