package dev.patchworkmcp.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import dev.patchworkmcp.sidecar.http.AccessConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link FeedbackTool#send} against a real sidecar that requires an ingest key. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FeedbackToolDeliveryTest {

    private static final Map<String, Object> ARGUMENTS =
            Map.of("what_i_needed", "x", "what_i_tried", "y", "gap_type", "missing_tool");

    @TempDir
    Path dir;

    private Sidecar sidecar;

    @BeforeEach
    void start() {
        SidecarConfig config = SidecarConfig.forTests(dir.resolve("feedback.db"));
        AccessConfig open = config.access();
        sidecar = Sidecar.start(config.withAccess(
                new AccessConfig("ingest-secret", open.adminKey(), open.allowedHosts(), open.maxBodyBytes())));
    }

    @AfterEach
    void stop() {
        sidecar.stop();
    }

    @Test
    void deliversWithThePerServerKeyAndATrailingSlash() {
        FeedbackTool tool = FeedbackTool.of("keyed", options("ingest-secret"));

        FeedbackTool.Delivery delivery = tool.send(tool.report(ARGUMENTS));

        assertThat(delivery.delivered()).as(delivery.reason()).isTrue();
        assertThat(delivery.status()).isEqualTo(201);
        assertThat(delivery.id()).isNotBlank();
    }

    @Test
    void aRepeatedReportIsStoredOnceUnderItsIdempotencyKey() {
        FeedbackTool tool = FeedbackTool.of("keyed", options("ingest-secret"));
        Map<String, Object> report = tool.report(ARGUMENTS);

        FeedbackTool.Delivery first = tool.send(report);
        FeedbackTool.Delivery second = tool.send(report);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.id()).isEqualTo(first.id());
    }

    @Test
    void aWrongKeyIsNotDeliveredAndNotRetriedAsInvalid() {
        FeedbackTool tool = FeedbackTool.of("keyed", options("not-the-key-4711"));

        FeedbackTool.Delivery delivery = tool.send(tool.report(ARGUMENTS));

        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.status()).isEqualTo(401);
        assertThat(delivery.rejected()).isFalse();
        assertThat(delivery.reason()).contains("401").doesNotContain("4711");
        assertThat(Files.exists(dir.resolve("spool.jsonl"))).isFalse();
    }

    private FeedbackTool.Options options(String key) {
        return new FeedbackTool.Options("http://127.0.0.1:" + sidecar.port() + "/", key, dir.resolve("spool.jsonl"));
    }
}
