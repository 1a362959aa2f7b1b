package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.Api.Reply;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExportTest extends ApiTestBase {

    @Test
    void exportsCsvWithFormulaCellsDefused() {
        api.record(Reports.minimal("=HYPERLINK(\"http://evil\")")
                .put("suggestion", "a, \"quoted\"\nline")
                .toString());

        Reply reply = api.get("/api/export?format=csv");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/csv");
        assertThat(reply.body()).startsWith("id,timestamp,server_name");
        assertThat(reply.body()).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(reply.body()).contains("\"a, \"\"quoted\"\"\nline\"");
    }

    @Test
    void exportsEveryRowAsJsonAndNdjsonPastOneBatch() {
        int count = 520;
        for (int i = 0; i < count; i++) {
            api.record(Reports.minimal("r" + i).toString());
        }

        Reply json = api.get("/api/export?format=json");
        Reply ndjson = api.get("/api/export?format=ndjson&q=r1");

        assertThat(json.json()).hasSize(count);
        assertThat(json.json().get(0).get("what_i_needed").asText()).isEqualTo("r519");
        long expected =
                IntStream.range(0, count).filter(i -> ("r" + i).contains("r1")).count();
        assertThat(ndjson.body().lines().count()).isEqualTo(expected);
    }

    @Test
    void rejectsAnUnknownFormatWithTheAllowedOnes() {
        Reply reply = api.get("/api/export?format=xml");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("allowed").toString()).contains("csv", "ndjson");
    }
}
