package dev.patchworkmcp.sidecar.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchworkmcp.sidecar.insight.clustering.Centroid;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterIndex;
import dev.patchworkmcp.sidecar.insight.embedding.UnitVector;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ClusterIndexTest {
    private static final UnitVector EAST = UnitVector.of(new float[] {1, 0, 0});
    private static final UnitVector NORTH_EAST = UnitVector.of(new float[] {1, 1, 0});
    private static final UnitVector UP = UnitVector.of(new float[] {0, 0, 1});

    @Test
    void joinsTheNearestClusterAboveTheThresholdAndStartsANewOneBelow() {
        ClusterIndex index = new ClusterIndex(0.7);

        ClusterIndex.Assignment first = index.assign("s", EAST, () -> "a");
        ClusterIndex.Assignment second = index.assign("s", NORTH_EAST, () -> "b");
        ClusterIndex.Assignment third = index.assign("s", UP, () -> "c");

        assertThat(first.created()).isTrue();
        assertThat(second.clusterId()).isEqualTo("a");
        assertThat(second.similarity()).isCloseTo(0.7071, Offset.offset(1e-3));
        assertThat(third).isEqualTo(new ClusterIndex.Assignment("c", 1.0, true));
    }

    @Test
    void neverMixesServers() {
        ClusterIndex index = new ClusterIndex(0.5);
        index.assign("costs", EAST, () -> "a");

        ClusterIndex.Assignment other = index.assign("files", EAST, () -> "b");

        assertThat(other.created()).isTrue();
    }

    @Test
    void removingAMemberMovesTheCentroidBack() {
        ClusterIndex index = new ClusterIndex(0.5);
        index.assign("s", EAST, () -> "a");
        index.assign("s", NORTH_EAST, () -> "x");

        index.remove("s", "a", NORTH_EAST);

        assertThat(index.centroid("s", "a").orElseThrow().similarity(EAST)).isCloseTo(1.0, Offset.offset(1e-9));
    }

    @Test
    void mergeAddsTheMembersOfOneClusterToAnother() {
        ClusterIndex index = new ClusterIndex(0.99);
        index.assign("s", EAST, () -> "a");
        index.assign("s", UP, () -> "b");

        index.merge("s", "b", "a");

        assertThat(index.clusterIds("s")).containsExactly("a");
        assertThat(index.centroid("s", "a").orElseThrow().count()).isEqualTo(2);
    }

    @Test
    void vectorsAndCentroidsSurviveEncoding() {
        Centroid centroid = Centroid.of(NORTH_EAST);
        centroid.add(EAST);

        Centroid decoded = Centroid.decode(centroid.encode(), centroid.count());

        assertThat(UnitVector.decode(NORTH_EAST.encode())).isEqualTo(NORTH_EAST);
        assertThat(decoded.similarity(EAST)).isEqualTo(centroid.similarity(EAST));
    }

    @Test
    void refusesAThresholdOutsideTheCosineRange() {
        assertThatThrownBy(() -> new ClusterIndex(1.5)).hasMessageContaining("FEEDBACK_CLUSTER_THRESHOLD");
    }

    @Test
    void averageSimilarityIsTheMeanOverEveryPairOfMembers() {
        Centroid two = Centroid.of(EAST);
        two.add(UP);
        Centroid one = Centroid.of(NORTH_EAST);

        // pairs: EAST.NORTH_EAST = 0.7071, UP.NORTH_EAST = 0
        assertThat(two.averageSimilarity(one)).isCloseTo(0.3536, Offset.offset(1e-3));
    }

    @Test
    void mergePartnerIsTheMostSimilarClusterOfTheSameServerAboveTheThreshold() {
        ClusterIndex index = new ClusterIndex(0.99);
        index.put("costs", "east", Centroid.of(EAST));
        index.put("costs", "north-east", Centroid.of(NORTH_EAST));
        index.put("costs", "up", Centroid.of(UP));
        index.put("files", "east-too", Centroid.of(EAST));

        assertThat(index.mergePartner("costs", "east", 0.5, id -> true)).contains("north-east");
        assertThat(index.mergePartner("costs", "east", 0.8, id -> true)).isEmpty();
        assertThat(index.mergePartner("costs", "east", 0.5, id -> !id.equals("north-east")))
                .isEmpty();
    }
}
