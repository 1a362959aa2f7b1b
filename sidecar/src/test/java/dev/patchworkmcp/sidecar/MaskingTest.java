package dev.patchworkmcp.sidecar;

import static dev.patchworkmcp.sidecar.CallBatches.batch;
import static dev.patchworkmcp.sidecar.CallBatches.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.sidecar.db.Rows;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingTest extends ApiTestBase {
    private static final String GITHUB = "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    private static final String OPENAI = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

    @Test
    void masksSecretsInAReportBeforeItIsStored() {
        ObjectNode report = Reports.full("call the API with " + OPENAI);
        report.put("what_i_tried", "export GITHUB_TOKEN=" + GITHUB);
        ((ObjectNode) report.get("context")).putObject("env").put("AWS", "AKIAIOSFODNN7EXAMPLE");

        String id = api.record(report.toString());
        JsonNode stored = api.get("/api/feedback/" + id).json();

        assertThat(stored.toString()).doesNotContain(OPENAI, GITHUB, "AKIAIOSFODNN7EXAMPLE");
        assertThat(stored.get("what_i_needed").asText()).isEqualTo("call the API with [REDACTED:openai-api-key]");
        assertThat(stored.get("what_i_tried").asText()).isEqualTo("export GITHUB_TOKEN=[REDACTED:github-token]");
        assertThat(stored.at("/context/env/AWS").asText()).isEqualTo("[REDACTED:aws-access-key]");
        assertThat(stored.at("/context/recent_calls/0/tool").asText()).isEqualTo("list_costs");
    }

    @Test
    void masksSecretsInCallRecordsBeforeTheyAreStored() {
        ObjectNode failed =
                call("fetch_url", 10, "tool_error").put("error_message", "401 for Authorization: Bearer " + GITHUB);
        failed.putObject("values").putObject("arguments").put("url", "https://bob:hunter22@example.com/");

        api.post("/api/calls", batch("b-1", "web", failed).toString());
        List<String> stored = sidecar.parts()
                .database()
                .read(db -> db.query("SELECT error_message, redacted_values FROM calls")
                        .map(row -> Rows.text(row, "error_message") + " " + Rows.text(row, "redacted_values"))
                        .toList());

        assertThat(stored).hasSize(1);
        assertThat(stored.get(0))
                .doesNotContain(GITHUB, "hunter22")
                .contains("Bearer [REDACTED:github-token]", "bob:[REDACTED:url-password]@example.com");
    }
}
