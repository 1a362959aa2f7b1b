package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.insight.InsightConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A re-cluster keeps what a reviewer decided (merges, moves, resolutions), on SQLite and PostgreSQL. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterDecisionsTest extends ApiTestBase {
    static final String DATE_1 = "I needed the costs for last month only, between two dates";
    static final String DATE_2 = "Wanted to filter get_costs to a specific date range, e.g. March 1 to March 31";
    static final String CURRENCY = "I needed the costs converted to euros";

    @Override
    SidecarConfig configure(SidecarConfig config) {
        return config.withInsight(InsightConfig.defaults());
    }

    @Test
    void reclusterKeepsTwoDissimilarClustersAReviewerMerged() {
        String date = report("s1", DATE_1);
        String currency = report("s2", CURRENCY);
        String dateCluster = clusterOf(date);
        assertThat(clusterOf(currency)).isNotEqualTo(dateCluster);
        api.post("/api/clusters/" + dateCluster + "/merge", "{\"from\":\"" + clusterOf(currency) + "\"}");

        Api.Reply reclustered = api.post("/api/clusters/recluster", "{}");

        assertThat(reclustered.status()).isEqualTo(200);
        assertThat(clusterOf(date)).isEqualTo(dateCluster);
        assertThat(clusterOf(currency)).isEqualTo(dateCluster);
        assertThat(api.get("/api/clusters/" + dateCluster).json().get("reports").asInt())
                .isEqualTo(2);
    }

    @Test
    void reclusterKeepsAReportAReviewerMovedOutOnItsOwn() {
        String first = report("s1", DATE_1);
        String second = report("s2", DATE_2);
        String together = clusterOf(first);
        assertThat(clusterOf(second)).isEqualTo(together);
        String own = api.post("/api/clusters/" + together + "/reports/" + second + "/move", "{\"to\":null}")
                .json()
                .get("cluster_id")
                .asText();

        api.post("/api/clusters/recluster", "{}");

        assertThat(clusterOf(second)).isEqualTo(own);
        assertThat(clusterOf(first)).isNotEqualTo(own);
    }

    @Test
    void reclusterKeepsAReportAReviewerMovedIntoAnotherCluster() {
        String date = report("s1", DATE_1);
        String currency = report("s2", CURRENCY);
        String currencyCluster = clusterOf(currency);
        api.post(
                "/api/clusters/" + clusterOf(date) + "/reports/" + date + "/move",
                "{\"to\":\"" + currencyCluster + "\"}");

        api.post("/api/clusters/recluster", "{}");

        assertThat(clusterOf(date)).isEqualTo(currencyCluster);
        assertThat(clusterOf(currency)).isEqualTo(currencyCluster);
    }

    @Test
    void reclusterKeepsAResolvedClusterResolvedWithItsPullRequest() {
        String first = report("s1", DATE_1);
        String second = report("s2", DATE_2);
        String cluster = clusterOf(first);
        clusterOf(second);
        api.patch("/api/clusters/" + cluster, "{\"status\":\"resolved\",\"pr_url\":\"https://github.com/o/r/pull/9\"}");

        api.post("/api/clusters/recluster", "{}");

        JsonNode rebuilt = api.get("/api/clusters/" + clusterOf(first)).json();
        assertThat(clusterOf(first)).isEqualTo(cluster).isEqualTo(clusterOf(second));
        assertThat(rebuilt.get("status").asText()).isEqualTo("resolved");
        assertThat(rebuilt.toString()).contains("https://github.com/o/r/pull/9");
    }

    /** A report like those of ClusterApiTest, whose date and currency reports land in two clusters. */
    private String report(String session, String needed) {
        boolean currency = needed.equals(CURRENCY);
        var body = Api.JSON
                .createObjectNode()
                .put("server_name", "costs")
                .put("session_id", session)
                .put("what_i_needed", needed)
                .put("what_i_tried", currency ? "get_costs only returns USD" : "get_costs returned every month")
                .put("suggestion", currency ? "Add a currency parameter" : "Add start_date and end_date to get_costs")
                .put("gap_type", "missing_parameter");
        return api.record(body.toString());
    }

    /** The report's cluster id once the background worker has clustered it; fails after 60 s. */
    private String clusterOf(String feedbackId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode item = api.get("/api/feedback/" + feedbackId).json();
            if (item.path("cluster_id").isTextual()) {
                return item.get("cluster_id").asText();
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new AssertionError("report " + feedbackId + " was not clustered within 60 s");
    }
}
