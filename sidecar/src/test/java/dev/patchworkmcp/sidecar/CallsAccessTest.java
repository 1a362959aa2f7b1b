package dev.patchworkmcp.sidecar;

import static dev.patchworkmcp.sidecar.CallBatches.batch;
import static dev.patchworkmcp.sidecar.CallBatches.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchworkmcp.sidecar.calls.TelemetryConfig;
import dev.patchworkmcp.sidecar.db.Rows;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallsAccessTest extends ApiTestBase {
    static final String INGEST = "ingest-key-123";
    static final String ADMIN = "admin-key-456";

    @Override
    SidecarConfig configure(SidecarConfig config) {
        return config.withAccess(config.access().withApiKey(INGEST).withAdminKey(ADMIN))
                .withTelemetry(new TelemetryConfig(true, List.of("acme_[a-z0-9]{12}")));
    }

    @Test
    void callRecordsNeedTheIngestKeyAndToolFiguresTheAdminKey() {
        String body = batch("b-1", "memory", call("read_graph", 10, "ok")).toString();

        assertThat(api.post("/api/calls", body).status()).isEqualTo(401);
        assertThat(api.bearer("wrong").post("/api/calls", body).status()).isEqualTo(401);
        assertThat(api.bearer(INGEST).post("/api/calls", body).status()).isEqualTo(201);
        assertThat(api.bearer(INGEST).get("/api/tools?server_name=memory").status())
                .isEqualTo(401);
        assertThat(api.bearer(ADMIN).get("/api/tools?server_name=memory").status())
                .isEqualTo(200);
    }

    @Test
    void masksTheConfiguredExtraPatterns() {
        String body = batch(
                        "b-1",
                        "memory",
                        call("read_graph", 10, "tool_error").put("error_message", "bad key acme_0123456789ab"))
                .toString();

        api.bearer(INGEST).post("/api/calls", body);
        String stored = sidecar.parts()
                .database()
                .read(db -> db.get("SELECT error_message FROM calls")
                        .map(row -> Rows.text(row, "error_message"))
                        .orElseThrow());

        assertThat(stored).isEqualTo("bad key [REDACTED:custom-1]");
    }

    @Test
    void refusesToStartWithAnExtraPatternThatDoesNotCompile() {
        SidecarConfig config =
                database.config(dir.resolve("bad")).withTelemetry(new TelemetryConfig(true, List.of("(unclosed")));

        assertThatThrownBy(() -> Sidecar.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("FEEDBACK_MASK_PATTERNS")
                .hasMessageContaining("custom-1");
    }
}
