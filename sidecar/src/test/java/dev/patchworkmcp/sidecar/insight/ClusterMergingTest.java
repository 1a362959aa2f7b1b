package dev.patchworkmcp.sidecar.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two clustering steps through a real sidecar on a SQLite file: nearest centroid at a high threshold, then
 * average-linkage merges, with generic "what I tried" sentences that must not pull gaps together.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterMergingTest {
    static final List<String> RUN_ID = List.of(
            "Search cost events by their run_id",
            "I needed to find the costs that belong to one run id",
            "Filter the cost records by run_id so I can see what a single run spent",
            "Look up spending for a given run identifier",
            "Needed cost entries matching a specific run_id",
            "Query costs by the run_id field");
    static final List<String> CSV = List.of(
            "Export usage as CSV",
            "I needed to download the usage data as a CSV file",
            "Get the usage report in CSV format for a spreadsheet",
            "Save usage records to a comma-separated file",
            "Needed a CSV export of usage",
            "Produce usage data as CSV so the user can open it in Excel");
    static final List<String> GENERIC_TRIED = List.of(
            "Looked through the available tools and found nothing that does this.",
            "I checked the tool list but none of the tools cover it.",
            "Searched the tools for something suitable; nothing matched.");

    @TempDir
    Path dir;

    Sidecar sidecar;
    Http http;

    void start(ClusterSettings settings) {
        sidecar = Sidecar.start(SidecarConfig.forTests(dir.resolve("feedback.db"))
                .withInsight(InsightConfig.defaults().withClusters(settings)));
        http = new Http(sidecar.port());
    }

    @AfterEach
    void stop() {
        if (sidecar != null) {
            sidecar.stop();
        }
    }

    @Test
    void keepsTwoGapsOfOneServerApartWhenAgentsWriteTheSameGenericAttempt() {
        start(ClusterSettings.defaults());

        List<String> runId = post(RUN_ID);
        List<String> csv = post(CSV);

        Set<String> runIdClusters = clustersOf(runId);
        Set<String> csvClusters = clustersOf(csv);
        assertThat(runIdClusters).as("clusters of the run_id gap").hasSize(1);
        assertThat(csvClusters).as("clusters of the CSV gap").hasSize(1);
        assertThat(runIdClusters).doesNotContainAnyElementsOf(csvClusters);
    }

    @Test
    void mergesTheSmallClustersOfOneGapByAverageLinkage() {
        start(new ClusterSettings(0.99, ClusterSettings.DEFAULT_MERGE_THRESHOLD));

        List<String> runId = post(RUN_ID);

        Set<String> clusters = clustersOf(runId);
        assertThat(clusters).hasSize(1);
        assertThat(http.get("/api/clusters/" + clusters.iterator().next())
                        .json()
                        .get("events")
                        .toString())
                .contains("merged cluster");
    }

    @Test
    void withoutMergingAHighThresholdSplitsOneGap() {
        start(ClusterSettings.withoutMerging(0.99));

        Set<String> clusters = clustersOf(post(RUN_ID));

        assertThat(clusters.size()).isGreaterThan(1);
    }

    @Test
    void neverMergesBackAReportAReviewerMovedOut() {
        start(ClusterSettings.defaults());
        List<String> first = post(RUN_ID.subList(0, 3));
        clustersOf(first);

        String moved = first.get(2);
        String own = http.post(
                        "/api/clusters/" + http.clusterOf(moved) + "/reports/" + moved + "/move", "{\"to\":null}")
                .json()
                .get("cluster_id")
                .asText();
        List<String> later = post(RUN_ID.subList(3, 6));
        clustersOf(later);

        assertThat(currentCluster(moved)).isEqualTo(own);
        assertThat(clustersOf(first.subList(0, 2))).doesNotContain(own);
    }

    @Test
    void aReclusterMergesTheSameWay() {
        start(new ClusterSettings(0.99, ClusterSettings.DEFAULT_MERGE_THRESHOLD));
        List<String> runId = post(RUN_ID);
        List<String> csv = post(CSV);
        clustersOf(runId);
        clustersOf(csv);

        Http.Reply reply = http.post("/api/clusters/recluster", "{}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(clustersOf(runId)).hasSize(1);
        assertThat(clustersOf(runId)).doesNotContainAnyElementsOf(clustersOf(csv));
    }

    private List<String> post(List<String> needs) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < needs.size(); i++) {
            ids.add(http.report(
                    "costs", "s" + i, "blocked", needs.get(i), GENERIC_TRIED.get(i % GENERIC_TRIED.size()), null));
        }
        return ids;
    }

    /** Waits until every report is clustered, then reads where each one is now (merges may have moved it). */
    private Set<String> clustersOf(List<String> ids) {
        ids.forEach(http::clusterOf);
        return ids.stream().map(this::currentCluster).collect(Collectors.toSet());
    }

    private String currentCluster(String id) {
        return http.get("/api/feedback/" + id).json().get("cluster_id").asText();
    }
}
