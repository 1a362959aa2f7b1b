package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.Api.Reply;
import org.junit.jupiter.api.Test;

class QueryTest extends ApiTestBase {

    @Test
    void pagesWithTotalAndNextOffsetHeaders() {
        for (int i = 0; i < 5; i++) {
            api.record(Reports.minimal("report " + i).toString());
        }

        Reply first = api.get("/api/feedback?limit=2");
        Reply last = api.get("/api/feedback?limit=2&offset=4");

        assertThat(first.json()).hasSize(2);
        assertThat(first.header("X-Total-Count")).isEqualTo("5");
        assertThat(first.header("X-Next-Offset")).isEqualTo("2");
        assertThat(first.json().get(0).get("what_i_needed").asText()).isEqualTo("report 4");
        assertThat(last.json()).hasSize(1);
        assertThat(last.json().get(0).get("what_i_needed").asText()).isEqualTo("report 0");
        assertThat(last.header("X-Next-Offset")).isNull();
    }

    @Test
    void rejectsLimitsOutsideOneTo500() {
        assertThat(api.get("/api/feedback?limit=0").status()).isEqualTo(422);
        assertThat(api.get("/api/feedback?limit=-1").status()).isEqualTo(422);
        assertThat(api.get("/api/feedback?limit=501").json().get("field").asText())
                .isEqualTo("limit");
        assertThat(api.get("/api/feedback?limit=500").status()).isEqualTo(200);
    }

    @Test
    void searchesTextCaseInsensitivelyWithLiteralWildcards() {
        api.record(Reports.minimal("Search costs BY run_id").toString());
        api.record(Reports.minimal("export to csv").toString());
        api.record(Reports.minimal("100% coverage").toString());

        assertThat(api.get("/api/feedback?q=RUN_ID").json()).hasSize(1);
        assertThat(api.get("/api/feedback?q=%25").json()).hasSize(1);
        assertThat(api.get("/api/feedback?q=_").json()).hasSize(1);
        assertThat(api.get("/api/feedback?q=nothing").json()).isEmpty();
    }

    @Test
    void filtersByEveryExactField() {
        api.record(Reports.full("full").toString());
        api.record(Reports.minimal("minimal").toString());

        for (String filter : new String[] {
            "server_name=cost-tracker",
            "resolution=blocked",
            "session_id=s-1",
            "client_type=claude-code",
            "client_name=claude-code",
            "agent_model=claude-sonnet-4-5",
            "gap_type=missing_tool&reviewed=false&server_name=cost-tracker"
        }) {
            JsonNode list = api.get("/api/feedback?" + filter).json();
            assertThat(list).as(filter).hasSize(1);
            assertThat(list.get(0).get("what_i_needed").asText()).as(filter).isEqualTo("full");
        }
        assertThat(api.get("/api/feedback?reviewed=true").json()).isEmpty();
    }

    @Test
    void filtersByTimeRange() {
        api.record(Reports.minimal("now").toString());

        assertThat(api.get("/api/feedback?since=2000-01-01").json()).hasSize(1);
        assertThat(api.get("/api/feedback?until=2000-01-01T00:00:00Z").json()).isEmpty();
        assertThat(api.get("/api/feedback?since=2999-01-01T00:00:00%2B02:00").json())
                .isEmpty();
        assertThat(api.get("/api/feedback?since=yesterday").json().get("field").asText())
                .isEqualTo("since");
    }

    @Test
    void statsHonourTheFilters() {
        api.record(Reports.full("full").toString());
        api.record(Reports.minimal("minimal").toString());

        JsonNode stats = api.get("/api/stats?server_name=cost-tracker").json();

        assertThat(stats.get("total").asLong()).isEqualTo(1);
        assertThat(stats.get("by_server")).hasSize(1);
        assertThat(api.get("/api/stats?q=minimal").json().get("total").asLong()).isEqualTo(1);
        assertThat(api.get("/api/stats?client_name=claude-code")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }
}
