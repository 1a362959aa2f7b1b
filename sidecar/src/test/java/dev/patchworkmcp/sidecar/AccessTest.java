package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.Api.Reply;
import org.junit.jupiter.api.Test;

class AccessTest extends ApiTestBase {
    static final String INGEST = "ingest-key-123";
    static final String ADMIN = "admin-key-456";

    @Override
    SidecarConfig configure(SidecarConfig config) {
        return config.withAccess(config.access().withApiKey(INGEST).withAdminKey(ADMIN));
    }

    @Test
    void ingestNeedsTheIngestOrAdminKey() {
        String body = Reports.minimal("x").toString();

        assertThat(api.post("/api/feedback", body).status()).isEqualTo(401);
        assertThat(api.bearer("wrong").post("/api/feedback", body).status()).isEqualTo(401);
        assertThat(api.bearer(INGEST).post("/api/feedback", body).status()).isEqualTo(201);
        assertThat(api.with("Authorization", "bearer " + INGEST)
                        .post("/api/feedback", body)
                        .status())
                .isEqualTo(201);
        assertThat(api.bearer(ADMIN).post("/api/feedback", body).status()).isEqualTo(201);
    }

    @Test
    void everythingElseUnderApiNeedsTheAdminKey() {
        for (String path : new String[] {"/api/feedback", "/api/stats", "/api/settings", "/api/export", "/metrics"}) {
            assertThat(api.get(path).status()).as(path).isEqualTo(401);
            assertThat(api.bearer(INGEST).get(path).status()).as(path).isEqualTo(401);
        }
        assertThat(api.bearer(ADMIN).get("/api/feedback").status()).isEqualTo(200);
        assertThat(api.bearer(INGEST).put("/api/settings", "{}").status()).isEqualTo(401);
    }

    @Test
    void healthAndDashboardStayOpen() {
        assertThat(api.get("/api/health").status()).isEqualTo(200);
        assertThat(api.get("/").status()).isEqualTo(200);
    }

    @Test
    void refusesForeignHostHeaders() {
        Reply reply = Api.of(sidecar).bearer(ADMIN).get("/api/feedback");
        assertThat(reply.status()).isEqualTo(200);

        Reply rebinding = rawGet("evil.example:" + sidecar.port());

        assertThat(rebinding.status()).isEqualTo(403);
        assertThat(rebinding.json().get("code").asText()).isEqualTo("host_not_allowed");
    }

    @Test
    void unauthorizedAnswersNeverCarryCorsHeaders() {
        Reply reply = api.with("Origin", "https://evil.example").get("/api/feedback");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
    }

    private Reply rawGet(String host) {
        return RawHttp.exchange(
                sidecar.port(),
                "GET /api/feedback HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + ADMIN + "\r\n\r\n");
    }
}
