package dev.patchworkmcp.sidecar.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real clients of both eras on {@code /mcp}: mcp 2.x's Python Client and the TypeScript SDK v2 client, each in
 * auto mode (it probes {@code server/discover} and settles on 2026-07-28) and in legacy mode (initialize,
 * 2025-11-25), list the triage tools and call them.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class NewEraClientsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "new-era-admin";

    @TempDir
    static Path dir;

    private static Sidecar sidecar;

    @BeforeAll
    static void start() {
        SidecarConfig config = SidecarConfig.forTests(dir.resolve("n.db"));
        sidecar = Sidecar.start(config.withAccess(config.access().withAdminKey(ADMIN)));
    }

    @AfterAll
    static void stop() {
        sidecar.stop();
    }

    @ParameterizedTest(name = "{0} client, {1} mode -> {2}")
    @CsvSource({
        "python, auto, 2026-07-28",
        "python, legacy, 2025-11-25",
        "typescript, auto, 2026-07-28",
        "typescript, legacy, 2025-11-25"
    })
    void aClientOfEitherEraUsesTheTriageTools(String language, String mode, String version) throws Exception {
        String url = "http://127.0.0.1:" + sidecar.port() + "/mcp";

        String output = language.equals("python")
                ? NewEraClients.python(url, ADMIN, mode)
                : NewEraClients.typescript(url, ADMIN, mode);

        JsonNode seen = JSON.readTree(output);
        assertThat(seen.path("version").asText()).as(output).isEqualTo(version);
        assertThat(seen.path("server").asText()).isEqualTo("patchwork-triage");
        assertThat(seen.path("tools"))
                .extracting(JsonNode::asText)
                .containsExactly(
                        "add_note", "get_cluster", "list_clusters", "mark_reviewed", "resolve_cluster", "start_draft");
        assertThat(seen.path("clusters").asText()).isEqualTo("[]");
        assertThat(seen.path("missingIsError").asBoolean()).isTrue();
        assertThat(seen.path("missingText").asText()).contains("'nope' was not found");
    }
}
