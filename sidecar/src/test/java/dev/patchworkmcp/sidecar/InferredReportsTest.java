package dev.patchworkmcp.sidecar;

import static dev.patchworkmcp.sidecar.CallBatches.batch;
import static dev.patchworkmcp.sidecar.CallBatches.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.sidecar.calls.TelemetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class InferredReportsTest extends ApiTestBase {

    private static ObjectNode unknownTool(String session) {
        return call("search_costs", 3, "rpc_error")
                .put("error_code", -32602)
                .put("error_message", "Unknown tool: search_costs")
                .put("session_id", session);
    }

    private JsonNode reportsOf(String session) {
        return api.get("/api/feedback?session_id=" + session).json();
    }

    /** Supersession runs just after ingest answers: poll (with a deadline) for the expected number of reports. */
    private JsonNode awaitReports(String session, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode reports = reportsOf(session);
        while (reports.size() != expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            reports = reportsOf(session);
        }
        return reports;
    }

    @Test
    void filesOneInferredReportPerRuleAndSessionWithTheCallsThatShowIt() {
        Api.Reply first =
                api.post("/api/calls", batch("b-1", "costs", unknownTool("s-9")).toString());
        api.post("/api/calls", batch("b-2", "costs", unknownTool("s-9")).toString());

        JsonNode reports = reportsOf("s-9");

        assertThat(first.json().get("inferred_reports").asInt()).isEqualTo(1);
        assertThat(reports).hasSize(1);
        JsonNode report = reports.get(0);
        assertThat(report.get("source").asText()).isEqualTo("inferred");
        assertThat(report.get("gap_type").asText()).isEqualTo("missing_tool");
        assertThat(report.get("server_name").asText()).isEqualTo("costs");
        assertThat(report.get("what_i_needed").asText()).contains("'search_costs'");
        JsonNode inference = report.get("context").get("inference");
        assertThat(inference.get("rule").asText()).isEqualTo("missing_tool");
        assertThat(inference.get("confidence").asDouble()).isEqualTo(0.9);
        assertThat(inference.get("calls").get(0).get("error_code").asInt()).isEqualTo(-32602);
    }

    @Test
    void anAgentReportOnTheSameToolInTheSessionSupersedesTheInferredOne() {
        api.post("/api/calls", batch("b-1", "costs", unknownTool("s-9")).toString());
        ObjectNode agent = Reports.minimal("I needed search_costs to find run 42");
        agent.put("server_name", "costs").put("session_id", "s-9");

        api.record(agent.toString());
        JsonNode reports = awaitReports("s-9", 1);

        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).get("source").asText()).isNotEqualTo("inferred");
    }

    @Test
    void infersNothingWhenTheAgentAlreadyReportedOnThatTool() {
        ObjectNode agent = Reports.minimal("There is no search_costs tool");
        agent.put("server_name", "costs").put("session_id", "s-9");
        api.record(agent.toString());

        Api.Reply reply =
                api.post("/api/calls", batch("b-1", "costs", unknownTool("s-9")).toString());

        assertThat(reply.json().get("inferred_reports").asInt()).isZero();
        assertThat(reportsOf("s-9")).hasSize(1);
    }

    @Test
    void infersNothingWhenSwitchedOff() {
        sidecar.stop();
        sidecar =
                Sidecar.start(database.config(dir.resolve("off")).withTelemetry(new TelemetryConfig(false, List.of())));
        api = Api.of(sidecar);

        Api.Reply reply =
                api.post("/api/calls", batch("b-1", "costs", unknownTool("s-9")).toString());

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reportsOf("s-9")).isEmpty();
    }

    @Test
    void acceptsAnInferredReportFromAReporterOnlyWithItsRuleAndConfidence() {
        ObjectNode filed = Reports.minimal("The agent called export_csv, which does not exist");
        filed.put("source", "inferred").put("session_id", "s-7");
        ObjectNode inference = filed.putObject("context").putObject("inference");
        inference.put("rule", "missing_tool").put("confidence", 1.5);

        Api.Reply outOfRange = api.post("/api/feedback", filed.toString());
        inference.put("confidence", 0.8);
        Api.Reply accepted = api.post("/api/feedback", filed.toString());
        inference.remove("rule");
        Api.Reply noRule = api.post("/api/feedback", filed.toString());

        assertThat(outOfRange.status()).isEqualTo(422);
        assertThat(outOfRange.json().get("field").asText()).isEqualTo("context.inference.confidence");
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(noRule.json().get("field").asText()).isEqualTo("context.inference.rule");
        assertThat(api.get("/api/feedback?inferred=only").json()).hasSize(1);
        assertThat(api.get("/api/feedback?inferred=hide").json()).isEmpty();
    }
}
