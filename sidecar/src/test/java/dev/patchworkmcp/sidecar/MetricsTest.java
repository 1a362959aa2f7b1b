package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.Api.Reply;
import org.junit.jupiter.api.Test;

class MetricsTest extends ApiTestBase {

    @Test
    void publishesIngestCountersAndLatencyInPrometheusFormat() {
        api.record(Reports.minimal("x").toString());
        api.post("/api/feedback", Reports.minimal("").toString());

        Reply reply = api.with("Accept", "text/plain").get("/metrics");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body())
                .contains("patchwork_reports_recorded_total")
                .contains("patchwork_reports_rejected_total")
                .contains("patchwork_ingest_latency_seconds");
    }
}
