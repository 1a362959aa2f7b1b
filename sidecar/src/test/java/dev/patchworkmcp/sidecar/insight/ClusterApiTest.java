package dev.patchworkmcp.sidecar.insight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterApiTest {
    static final String DATE_1 = "I needed the costs for last month only, between two dates";
    static final String DATE_2 = "Wanted to filter get_costs to a specific date range, e.g. March 1 to March 31";
    static final String DATE_3 = "Needed cost data restricted to a time window instead of all time";
    static final String CURRENCY = "I needed the costs converted to euros";

    @TempDir
    Path dir;

    DraftingFixture drafting;
    Sidecar sidecar;
    Http http;

    @BeforeEach
    void start() throws Exception {
        drafting = DraftingFixture.create(dir);
        sidecar = Sidecar.start(drafting.configure(config(dir)));
        http = new Http(sidecar.port());
    }

    static SidecarConfig config(Path dir) {
        return SidecarConfig.forTests(dir.resolve("feedback.db"))
                .withInsight(InsightConfig.defaults().withWebhookRetry(3, Duration.ofMillis(1)));
    }

    @AfterEach
    void stop() {
        sidecar.stop();
        drafting.close();
    }

    String dateReport(String session, String needed) {
        return http.report(
                "costs",
                session,
                "blocked",
                needed,
                "get_costs returned every month",
                "Add start_date and end_date to get_costs");
    }

    String currencyReport(String session) {
        return http.report(
                "costs", session, "worked_around", CURRENCY, "get_costs only returns USD", "Add a currency parameter");
    }

    @Test
    void groupsRewordedReportsAndGivesEachReportItsClusterId() {
        String first = dateReport("s1", DATE_1);
        String second = dateReport("s2", DATE_2);
        String other = currencyReport("s3");

        assertThat(http.clusterOf(second)).isEqualTo(http.clusterOf(first));
        assertThat(http.clusterOf(other)).isNotEqualTo(http.clusterOf(first));
    }

    @Test
    void listsClustersByImpactWithCountsAndSeverityFactors() {
        String first = dateReport("s1", DATE_1);
        dateReport("s2", DATE_2);
        String last = currencyReport("s3");
        http.clusterOf(first);
        http.clusterOf(last);

        Http.Reply reply = http.get("/api/clusters?server_name=costs");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("X-Total-Count")).isEqualTo("2");
        JsonNode top = reply.json().get(0);
        assertThat(top.get("id").asText()).isEqualTo(http.clusterOf(first));
        assertThat(top.get("reports").asInt()).isEqualTo(2);
        assertThat(top.get("sessions").asInt()).isEqualTo(2);
        assertThat(top.get("blocked").asInt()).isEqualTo(2);
        assertThat(top.get("clients").asInt()).isEqualTo(1);
        assertThat(top.get("status").asText()).isEqualTo("open");
        assertThat(top.get("severity").get("score").asDouble())
                .isGreaterThan(reply.json().get(1).get("severity").get("score").asDouble());
        assertThat(names(top.get("severity").get("factors")))
                .containsExactly("frequency", "sessions", "blocked", "clients", "recency");
    }

    @Test
    void pagesAndFiltersTheList() {
        String first = dateReport("s1", DATE_1);
        String other = currencyReport("s2");
        String elsewhere =
                http.report("files", "s3", null, "list files recursively", "list_directory", "recursive=true");
        http.clusterOf(first);
        http.clusterOf(other);
        http.clusterOf(elsewhere);

        Http.Reply page = http.get("/api/clusters?limit=1");
        Http.Reply files = http.get("/api/clusters?server_name=files");
        Http.Reply badStatus = http.get("/api/clusters?status=closed");

        assertThat(page.json()).hasSize(1);
        assertThat(page.header("X-Total-Count")).isEqualTo("3");
        assertThat(page.header("X-Next-Offset")).isEqualTo("1");
        assertThat(files.json()).hasSize(1);
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(badStatus.json().get("allowed").toString()).contains("open", "resolved");
    }

    @Test
    void opensAClusterWithItsReportsSuggestionsToolsAndNotes() {
        String first = dateReport("s1", DATE_1);
        String second = dateReport("s2", DATE_2);
        http.post("/api/feedback/" + first + "/notes", "{\"content\":\"same as #42\"}");
        String cluster = http.clusterOf(first);
        http.clusterOf(second);

        JsonNode detail = http.get("/api/clusters/" + cluster).json();

        assertThat(detail.get("items")).hasSize(2);
        assertThat(detail.get("suggestions")).hasSize(2);
        assertThat(detail.get("title").asText()).isIn(DATE_1, DATE_2);
        assertThat(detail.toString()).contains("same as #42");
        assertThat(names(detail.get("tools"))).contains("get_costs");
        assertThat(detail.get("events").get(0).get("kind").asText()).isEqualTo("created");
        assertThat(http.get("/api/clusters/nope").status()).isEqualTo(404);
    }

    @Test
    void aNewReportReopensAResolvedClusterAndSaysSo() {
        String first = dateReport("s1", DATE_1);
        String cluster = http.clusterOf(first);
        Http.Reply resolved = http.patch(
                "/api/clusters/" + cluster, "{\"status\":\"resolved\",\"pr_url\":\"https://github.com/o/r/pull/7\"}");
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(http.get("/api/clusters/" + cluster).json().get("status").asText())
                .isEqualTo("resolved");

        String again = dateReport("s2", DATE_3);

        assertThat(http.clusterOf(again)).isEqualTo(cluster);
        JsonNode detail = http.get("/api/clusters/" + cluster).json();
        assertThat(detail.get("status").asText()).isEqualTo("open");
        assertThat(detail.get("reopened").get("by_report_id").asText()).isEqualTo(again);
        assertThat(detail.get("resolved_pr_url").asText()).isEqualTo("https://github.com/o/r/pull/7");
        assertThat(detail.get("events").toString())
                .contains("arrived after it was resolved by https://github.com/o/r/pull/7");
    }

    @Test
    void showsTheReportRateBeforeAndAfterTheFix() {
        String first = dateReport("s1", DATE_1);
        String second = dateReport("s2", DATE_2);
        String cluster = http.clusterOf(first);
        http.clusterOf(second);
        assertThat(http.get("/api/clusters/" + cluster).json().get("fix_rate").isNull())
                .isTrue();
        http.patch(
                "/api/clusters/" + cluster, "{\"status\":\"resolved\",\"pr_url\":\"https://github.com/o/r/pull/7\"}");

        http.clusterOf(dateReport("s3", DATE_3));

        JsonNode rate = http.get("/api/clusters/" + cluster).json().get("fix_rate");
        assertThat(rate.get("before").asInt()).isEqualTo(2);
        assertThat(rate.get("after").asInt()).isEqualTo(1);
        assertThat(rate.get("window_days").asInt()).isEqualTo(14);
        assertThat(rate.get("before_per_day").asDouble()).isEqualTo(2 / 14.0);
        assertThat(rate.get("after_per_day").asDouble()).isEqualTo(1.0);
    }

    @Test
    void mergesTwoClustersAndMovesAReportOut() {
        String date = dateReport("s1", DATE_1);
        String currency = currencyReport("s2");
        String dateCluster = http.clusterOf(date);
        String currencyCluster = http.clusterOf(currency);

        Http.Reply merged =
                http.post("/api/clusters/" + dateCluster + "/merge", "{\"from\":\"" + currencyCluster + "\"}");

        assertThat(merged.status()).isEqualTo(200);
        assertThat(http.clusterOf(currency)).isEqualTo(dateCluster);
        assertThat(http.get("/api/clusters/" + currencyCluster).status()).isEqualTo(404);
        assertThat(http.get("/api/clusters/" + dateCluster)
                        .json()
                        .get("reports")
                        .asInt())
                .isEqualTo(2);

        Http.Reply moved =
                http.post("/api/clusters/" + dateCluster + "/reports/" + currency + "/move", "{\"to\":null}");

        assertThat(moved.status()).isEqualTo(200);
        String own = moved.json().get("cluster_id").asText();
        assertThat(own).isNotEqualTo(dateCluster);
        assertThat(http.clusterOf(currency)).isEqualTo(own);
        assertThat(http.get("/api/clusters/" + dateCluster)
                        .json()
                        .get("reports")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void draftsOnePullRequestForTheWholeCluster() throws Exception {
        String first = dateReport("s1", DATE_1);
        String second = dateReport("s2", DATE_2);
        String cluster = http.clusterOf(first);
        http.clusterOf(second);

        Http.Reply unconfigured = http.post("/api/clusters/" + cluster + "/draft-pr", "{}");
        drafting.enable(sidecar, 1);
        Http.Reply drafted = http.post("/api/clusters/" + cluster + "/draft-pr", "{}");

        assertThat(unconfigured.status()).isEqualTo(400);
        assertThat(unconfigured.json().get("detail").asText()).contains("Drafting is not configured");
        assertThat(drafted.status()).isEqualTo(200);
        assertThat(drafted.json().get("status").asText()).isEqualTo("drafted");
        assertThat(drafting.modelCalls()).isEqualTo(1);
        assertThat(DraftingFixture.drafted(sidecar, first, second)).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void streamsTheProgressOfAClusterDraftWhenAskedForAnEventStream() throws Exception {
        String first = dateReport("s1", DATE_1);
        String cluster = http.clusterOf(first);
        drafting.enable(sidecar, 1);

        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.port() + "/api/clusters/"
                                        + cluster + "/draft-pr"))
                                .header("Content-Type", "application/json")
                                .header("Accept", "text/event-stream")
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(response.body()).contains("event:step\ndata:").contains("event:done\ndata:{");
        assertThat(response.body().indexOf("event:step"))
                .isLessThan(response.body().indexOf("event:done"));
    }

    @Test
    void refusesToMergeClustersOfDifferentServers() {
        String costs = dateReport("s1", DATE_1);
        String files = http.report("files", "s2", null, DATE_1, "get_costs", "date range");

        Http.Reply reply = http.post(
                "/api/clusters/" + http.clusterOf(costs) + "/merge", "{\"from\":\"" + http.clusterOf(files) + "\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("detail").asText()).contains("only clusters of one server can be merged");
    }

    @Test
    void reclusterRebuildsTheSameClustersFromStoredEmbeddings() {
        String first = dateReport("s1", DATE_1);
        String second = dateReport("s2", DATE_2);
        String other = currencyReport("s3");
        http.clusterOf(first);
        http.clusterOf(second);
        http.clusterOf(other);

        Http.Reply reply = http.post("/api/clusters/recluster", "{}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("reports").asInt()).isEqualTo(3);
        assertThat(reply.json().get("clusters_after").asInt()).isEqualTo(2);
        assertThat(http.clusterOf(first)).isEqualTo(http.clusterOf(second)).isNotEqualTo(http.clusterOf(other));
    }

    @Test
    void keepsEmbeddingsAndCentroidsAcrossARestart() {
        String first = dateReport("s1", DATE_1);
        String cluster = http.clusterOf(first);
        sidecar.stop();
        sidecar = Sidecar.start(config(dir));
        http = new Http(sidecar.port());

        String second = dateReport("s2", DATE_2);

        assertThat(http.clusterOf(second)).isEqualTo(cluster);
        assertThat(http.clusterOf(first)).isEqualTo(cluster);
    }

    private static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(node -> node.get("name").asText())
                .toList();
    }
}
