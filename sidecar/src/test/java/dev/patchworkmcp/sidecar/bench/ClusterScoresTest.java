package dev.patchworkmcp.sidecar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterScoresTest {
    static final List<String> GAPS = List.of("a", "a", "a", "b", "b", "c");

    @Test
    void scoresAPerfectClusteringOneEverywhere() {
        ClusterScores scores = ClusterScores.of(List.of("x", "x", "x", "y", "y", "z"), GAPS);

        assertThat(scores.nmi()).isCloseTo(1, within(1e-9));
        assertThat(scores.ari()).isCloseTo(1, within(1e-9));
        assertThat(scores.purity()).isEqualTo(1);
        assertThat(scores.inversePurity()).isEqualTo(1);
    }

    @Test
    void oneClusterForEverythingIsWholeButImpure() {
        ClusterScores scores = ClusterScores.of(List.of("x", "x", "x", "x", "x", "x"), GAPS);

        assertThat(scores.nmi()).isCloseTo(0, within(1e-9));
        assertThat(scores.ari()).isCloseTo(0, within(1e-9));
        assertThat(scores.purity()).isEqualTo(0.5);
        assertThat(scores.inversePurity()).isEqualTo(1);
    }

    @Test
    void aClusterPerReportIsPureButSplitsEveryGap() {
        ClusterScores scores = ClusterScores.of(List.of("1", "2", "3", "4", "5", "6"), GAPS);

        assertThat(scores.purity()).isEqualTo(1);
        assertThat(scores.inversePurity()).isEqualTo(0.5);
        assertThat(scores.clusters()).isEqualTo(6);
        assertThat(scores.gaps()).isEqualTo(3);
    }
}
