package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The summary-table counts (filters on summary columns) must equal the counts from scanning the reports (a
 * filter that forces the scan, here a time range covering everything) after inserts, reviews and deletes.
 */
class SummaryConsistencyTest extends ApiTestBase {

    @Test
    void summaryCountsMatchScannedCountsAfterEveryKindOfChange() {
        List<String> ids = new ArrayList<>();
        String[] servers = {"a", "b", "c"};
        String[] gaps = {"missing_tool", "wrong_format"};
        for (int i = 0; i < 12; i++) {
            ObjectNode report =
                    Reports.minimal("r" + i).put("server_name", servers[i % 3]).put("gap_type", gaps[i % 2]);
            if (i % 4 == 0) {
                report.put("resolution", "blocked").put("client_name", "cursor");
            }
            ids.add(api.record(report.toString()));
        }
        api.patch("/api/feedback/" + ids.get(0), "{}");
        api.patch("/api/feedback/" + ids.get(1), "{}");
        api.patch("/api/feedback/" + ids.get(1), "{}");
        api.patch("/api/feedback/" + ids.get(2), "{\"reviewed\": false}");
        api.delete("/api/feedback/" + ids.get(3));
        api.delete("/api/feedback/" + ids.get(0));
        api.post("/api/feedback/" + ids.get(4) + "/notes", "{\"content\": \"n\"}");

        for (String filter :
                new String[] {"", "server_name=a", "gap_type=wrong_format&reviewed=false", "reviewed=true"}) {
            JsonNode summarised = api.get("/api/stats?" + filter).json();
            JsonNode scanned = api.get("/api/stats?since=2000-01-01&" + filter).json();
            assertThat(summarised).as(filter).isEqualTo(scanned);
            assertThat(api.get("/api/feedback?" + filter).header("X-Total-Count"))
                    .as(filter)
                    .isEqualTo(summarised.get("total").asText());
        }
        assertThat(api.get("/api/stats").json().get("total").asLong()).isEqualTo(10);
        assertThat(api.get("/api/stats").json().get("unreviewed").asLong()).isEqualTo(9);
    }
}
