package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.sidecar.Api.Reply;
import org.junit.jupiter.api.Test;

class FeedbackApiTest extends ApiTestBase {

    @Test
    void recordsAReportAndAnswers201WithItsId() {
        Reply reply = api.post("/api/feedback", Reports.full("search by run_id").toString());

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("status").asText()).isEqualTo("recorded");
        assertThat(reply.json().get("id").asText()).hasSize(36);
    }

    @Test
    void returnsEveryStoredFieldOfAReport() {
        String id = api.record(Reports.full("search by run_id").toString());

        JsonNode item = api.get("/api/feedback/" + id).json();

        assertThat(item.get("id").asText()).isEqualTo(id);
        assertThat(item.get("server_name").asText()).isEqualTo("cost-tracker");
        assertThat(item.get("what_i_needed").asText()).isEqualTo("search by run_id");
        assertThat(item.get("gap_type").asText()).isEqualTo("missing_tool");
        assertThat(item.get("resolution").asText()).isEqualTo("blocked");
        assertThat(item.get("tools_available")).hasSize(2);
        assertThat(item.get("reviewed").asBoolean()).isFalse();
        assertThat(item.get("pr_url").asText()).isEmpty();
        assertThat(item.get("source").asText()).isEqualTo("proxy");
        assertThat(item.get("client_version").asText()).isEqualTo("2.1.0");
        assertThat(item.get("protocol_version").asText()).isEqualTo("2025-06-18");
        assertThat(item.get("context").get("recent_calls").get(0).get("tool").asText())
                .isEqualTo("list_costs");
        assertThat(item.get("timestamp").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
        assertThat(item.get("notes")).isEmpty();
        assertThat(item.get("drafts")).isEmpty();
    }

    @Test
    void fillsDefaultsForOptionalFields() {
        ObjectNode body = Reports.minimal("x");
        body.putNull("tools_available");

        JsonNode item = api.get("/api/feedback/" + api.record(body.toString())).json();

        assertThat(item.get("server_name").asText()).isEqualTo("unknown");
        assertThat(item.get("tools_available")).isEmpty();
        assertThat(item.get("context").isNull()).isTrue();
    }

    @Test
    void opensAReportByTheReferenceTheAgentWasGiven() {
        String reference = "7f1c2a9e-reference-from-the-feedback-tool";
        String id = api.with("Idempotency-Key", reference)
                .post("/api/feedback", Reports.minimal("by reference").toString())
                .json()
                .get("id")
                .asText();

        Reply byReference = api.get("/api/feedback/" + reference);

        assertThat(id).isNotEqualTo(reference);
        assertThat(byReference.status()).isEqualTo(200);
        assertThat(byReference.json().get("id").asText()).isEqualTo(id);
        assertThat(byReference.json().get("what_i_needed").asText()).isEqualTo("by reference");
    }

    @Test
    void servesAPageOfItsOwnForEveryReport() {
        String id = api.record(Reports.minimal("paged").toString());

        Reply page = api.get("/reports/" + id);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(page.body()).contains("/js/report.js");
    }

    @Test
    void answersARepeatedIdempotencyKeyWithTheFirstIdAndStoresNothing() {
        String first = api.with("Idempotency-Key", "k-1")
                .post("/api/feedback", Reports.minimal("one").toString())
                .json()
                .get("id")
                .asText();

        Reply repeat = api.post(
                "/api/feedback",
                Reports.minimal("one").put("idempotency_key", "k-1").toString());

        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().get("id").asText()).isEqualTo(first);
        assertThat(repeat.json().get("status").asText()).isEqualTo("duplicate");
        assertThat(api.get("/api/feedback").json()).hasSize(1);
    }

    @Test
    void listsNewestFirst() {
        api.record(Reports.minimal("first").toString());
        api.record(Reports.minimal("second").toString());

        JsonNode list = api.get("/api/feedback").json();

        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("what_i_needed").asText()).isEqualTo("second");
    }

    @Test
    void marksReviewedWithAnEmptyBodyAndCanUnmark() {
        String id = api.record(Reports.minimal("x").toString());

        assertThat(api.patch("/api/feedback/" + id, "{}").json().get("status").asText())
                .isEqualTo("updated");
        assertThat(api.get("/api/feedback/" + id).json().get("reviewed").asBoolean())
                .isTrue();
        api.patch("/api/feedback/" + id, "{\"reviewed\": false}");
        assertThat(api.get("/api/feedback/" + id).json().get("reviewed").asBoolean())
                .isFalse();
    }

    @Test
    void appendsNotesOldestFirst() {
        String id = api.record(Reports.minimal("x").toString());

        Reply note = api.post("/api/feedback/" + id + "/notes", "{\"content\": \"first\"}");
        api.post("/api/feedback/" + id + "/notes", "{\"content\": \"second\"}");

        assertThat(note.status()).isEqualTo(201);
        JsonNode notes = api.get("/api/feedback/" + id).json().get("notes");
        assertThat(notes).hasSize(2);
        assertThat(notes.get(0).get("content").asText()).isEqualTo("first");
        assertThat(api.get("/api/feedback").json().get(0).get("notes")).hasSize(2);
    }

    @Test
    void deletesAReportWithItsNotes() {
        String id = api.record(Reports.minimal("x").toString());
        api.post("/api/feedback/" + id + "/notes", "{\"content\": \"n\"}");

        Reply deleted = api.delete("/api/feedback/" + id);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/api/feedback/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/stats").json().get("note_count").asLong()).isZero();
        assertThat(api.delete("/api/feedback/" + id).status()).isEqualTo(404);
    }

    @Test
    void answersUnknownIdsWith404InTheErrorShape() {
        Reply reply = api.get("/api/feedback/nope");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("code").asText()).isEqualTo("not_found");
        assertThat(reply.json().get("detail").asText()).contains("nope");
        assertThat(reply.json().has("field")).isTrue();
    }

    @Test
    void countsStats() {
        api.record(Reports.full("a").toString());
        String id = api.record(Reports.minimal("b").toString());
        api.patch("/api/feedback/" + id, "{}");
        api.post("/api/feedback/" + id + "/notes", "{\"content\": \"n\"}");

        JsonNode stats = api.get("/api/stats").json();

        assertThat(stats.get("total").asLong()).isEqualTo(2);
        assertThat(stats.get("unreviewed").asLong()).isEqualTo(1);
        assertThat(stats.get("note_count").asLong()).isEqualTo(1);
        assertThat(stats.get("by_server").toString()).contains("{\"server_name\":\"cost-tracker\",\"count\":1}");
        assertThat(stats.get("by_gap_type").toString()).contains("{\"gap_type\":\"missing_tool\",\"count\":2}");
        assertThat(stats.get("by_resolution")).hasSize(1);
        assertThat(stats.get("by_client").toString()).contains("{\"client_name\":\"claude-code\",\"count\":1}");
    }
}
