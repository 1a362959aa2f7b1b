package dev.patchworkmcp.sidecar.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import dev.patchworkmcp.sidecar.feedback.FeedbackInput;
import dev.patchworkmcp.sidecar.insight.DraftingFixture;
import dev.patchworkmcp.sidecar.insight.InsightConfig;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The triage tools through the MCP Java SDK's client over Streamable HTTP, against a real sidecar. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TriageServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin-key-for-tests";

    @TempDir
    Path dir;

    DraftingFixture drafting;
    Sidecar sidecar;
    McpSyncClient client;
    String first;
    String second;

    @BeforeEach
    void startWithTwoSimilarReports() throws Exception {
        drafting = DraftingFixture.create(dir);
        SidecarConfig config = drafting.configure(SidecarConfig.forTests(dir.resolve("feedback.db")));
        // No background worker: the test clusters the reports itself, deterministically.
        sidecar = Sidecar.start(config.withInsight(InsightConfig.disabled())
                .withAccess(config.access().withAdminKey(ADMIN)));
        first = record("s1", "I needed the costs for last month only, between two dates");
        second = record("s2", "Wanted to filter get_costs to a specific date range, e.g. March 1 to March 31");
        while (sidecar.parts().insight().clusters().processPending() > 0) {
            // cluster both now
        }
        client = client(ADMIN);
        client.initialize();
    }

    private String record(String session, String needed) {
        return sidecar.parts()
                .feedback()
                .record(new FeedbackInput(
                        "costs",
                        needed,
                        "get_costs returned everything",
                        "missing_parameter",
                        "Add start_date and end_date to get_costs",
                        "",
                        "blocked",
                        "claude-sonnet-4-5",
                        List.of("get_costs"),
                        session,
                        "claude-code",
                        "proxy",
                        "",
                        "claude-code",
                        "",
                        "",
                        null,
                        null))
                .id();
    }

    private McpSyncClient client(String key) {
        return McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + sidecar.port())
                        .endpoint("/mcp")
                        .httpRequestCustomizer((builder, method, uri, body, context) ->
                                builder.header("Authorization", "Bearer " + key))
                        .build())
                .build();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        sidecar.stop();
        drafting.close();
    }

    private JsonNode call(String tool, Map<String, Object> arguments) throws Exception {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertThat(result.isError()).as(tool + " failed: " + text(result)).isNotEqualTo(Boolean.TRUE);
        return JSON.readTree(text(result));
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    @Test
    void offersTheTriageTools() {
        assertThat(client.listTools().tools())
                .extracting(McpSchema.Tool::name)
                .containsExactlyInAnyOrder(
                        "list_clusters", "get_cluster", "add_note", "mark_reviewed", "resolve_cluster", "start_draft");
    }

    @Test
    void listsTheTopClustersAndReadsOneWithItsReports() throws Exception {
        JsonNode clusters = call("list_clusters", Map.of("server_name", "costs"));
        String clusterId = clusters.get(0).get("id").asText();

        JsonNode detail = call("get_cluster", Map.of("cluster_id", clusterId));

        assertThat(clusters).hasSize(1);
        assertThat(clusters.get(0).get("reports").asInt()).isEqualTo(2);
        assertThat(detail.get("items"))
                .extracting(item -> item.get("id").asText())
                .containsExactlyInAnyOrder(first, second);
    }

    @Test
    void notesReviewsAndResolvesACluster() throws Exception {
        String clusterId = call("list_clusters", Map.of()).get(0).get("id").asText();

        JsonNode note = call("add_note", Map.of("cluster_id", clusterId, "content", "fixed by adding a date filter"));
        JsonNode reviewed = call("mark_reviewed", Map.of("cluster_id", clusterId));
        call("resolve_cluster", Map.of("cluster_id", clusterId, "pr_url", "https://github.com/o/r/pull/9"));

        JsonNode detail = call("get_cluster", Map.of("cluster_id", clusterId));
        assertThat(note.get("report_id").asText()).isIn(first, second);
        assertThat(reviewed.get("reports").asInt()).isEqualTo(2);
        assertThat(detail.get("status").asText()).isEqualTo("resolved");
        assertThat(detail.get("resolved_pr_url").asText()).isEqualTo("https://github.com/o/r/pull/9");
        assertThat(detail.get("unreviewed").asInt()).isZero();
        assertThat(detail.toString()).contains("fixed by adding a date filter");
        assertThat(call("list_clusters", Map.of()).size()).isZero();
    }

    @Test
    void draftsOnePullRequestForAWholeClusterThroughTheDraftingFlow() throws Exception {
        String clusterId = call("list_clusters", Map.of()).get(0).get("id").asText();
        McpSchema.CallToolResult unavailable =
                client.callTool(new McpSchema.CallToolRequest("start_draft", Map.of("cluster_id", clusterId)));
        drafting.enable(sidecar, 1);

        JsonNode draft = call("start_draft", Map.of("cluster_id", clusterId));

        assertThat(unavailable.isError()).isTrue();
        assertThat(text(unavailable)).contains("Drafting is not configured");
        assertThat(draft.get("status").asText()).isEqualTo("drafted");
        assertThat(draft.get("branch").asText()).isNotBlank();
        assertThat(drafting.modelCalls()).isEqualTo(1);
        assertThat(DraftingFixture.drafted(sidecar, first, second)).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void answersAToolErrorTheAgentCanActOn() {
        McpSchema.CallToolResult result =
                client.callTool(new McpSchema.CallToolRequest("get_cluster", Map.of("cluster_id", "nope")));

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("Cluster 'nope' was not found");
    }

    @Test
    void refusesAClientWithoutTheAdminKey() {
        try (McpSyncClient stranger = client("wrong-key")) {
            assertThatThrownBy(stranger::initialize).isInstanceOf(RuntimeException.class);
        }
    }
}
