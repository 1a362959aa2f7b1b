package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.db.DatabaseConfig;
import dev.patchworkmcp.sidecar.insight.InsightConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two sidecars with clustering on, sharing one real PostgreSQL: one clusters, each report once; then a takeover. */
class SharedPostgresClusteringTest {
    static final String DATE_1 = "I needed the costs for last month only, between two dates";
    static final String DATE_2 = "Wanted to filter get_costs to a specific date range, e.g. March 1 to March 31";
    static final String DATE_3 = "Needed cost data restricted to a time window instead of all time";
    static final String CURRENCY = "I needed the costs converted to euros";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void onlyOneSidecarClustersEachReportOnceAndAnotherTakesOverWhenItStops() {
        String url = SharedPostgres.server().newDatabase();
        DatabaseConfig database = new DatabaseConfig(dir.resolve("unused.db"), url, "postgres", "", 4);
        Sidecar first = Sidecar.start(config(database, "a.db"));
        Sidecar second = Sidecar.start(config(database, "b.db"));
        try {
            Api a = Api.of(first);
            Api b = Api.of(second);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(report(i % 2 == 0 ? a : b, "s" + i, i < 2 ? DATE_1 : DATE_2));
                ids.add(report(i % 2 == 0 ? b : a, "c" + i, CURRENCY));
            }
            String dateCluster = clusterOf(a, ids.getFirst());
            ids.forEach(id -> clusterOf(b, id));

            long byFirst = first.parts().insight().clusters().embeddedReports();
            long bySecond = second.parts().insight().clusters().embeddedReports();
            assertThat(byFirst + bySecond).isEqualTo(ids.size());
            assertThat(Math.min(byFirst, bySecond)).isZero();
            assertThat(b.get("/api/clusters").json()).hasSize(2);

            Sidecar leader = byFirst > 0 ? first : second;
            Sidecar follower = leader == first ? second : first;
            Api remaining = leader == first ? b : a;
            leader.stop();
            String late = report(remaining, "late", DATE_3);

            assertThat(clusterOf(remaining, late)).isEqualTo(dateCluster);
            assertThat(follower.parts().insight().clusters().embeddedReports()).isEqualTo(1);
        } finally {
            second.stop();
            first.stop();
        }
    }

    private static SidecarConfig config(DatabaseConfig database, String unusedFile) {
        return SidecarConfig.forTests(database.sqlitePath().resolveSibling(unusedFile))
                .withDatabase(database)
                .withInsight(InsightConfig.defaults());
    }

    private static String report(Api api, String session, String needed) {
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

    private static String clusterOf(Api api, String feedbackId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode item = api.get("/api/feedback/" + feedbackId).json();
            if (item.path("cluster_id").isTextual()) {
                return item.get("cluster_id").asText();
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new AssertionError("report " + feedbackId + " was not clustered within 90 s");
    }
}
