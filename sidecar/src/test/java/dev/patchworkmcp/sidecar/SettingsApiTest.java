package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.Api.Reply;
import dev.patchworkmcp.sidecar.settings.Settings;
import dev.patchworkmcp.sidecar.settings.SettingsConfig;
import dev.patchworkmcp.sidecar.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsApiTest extends ApiTestBase {

    @Override
    SidecarConfig configure(SidecarConfig config) {
        return config.withSettings(new SettingsConfig(
                dir.resolve("secrets/patchwork-secrets.json"), Map.of("openai_api_key", "sk-env-openai-9999")));
    }

    @Test
    void returnsSecretsMaskedWithTheirSources() {
        api.put("/api/settings", "{\"github_pat\": \"ghp_abcdefghijkl1234\", \"github_repo\": \"o/r\"}");

        JsonNode settings = api.get("/api/settings").json();

        assertThat(settings.get("github_token").asText()).isEqualTo("****1234");
        assertThat(settings.get("openai_api_key").asText()).isEqualTo("****9999");
        assertThat(settings.get("anthropic_api_key").asText()).isEmpty();
        assertThat(settings.get("github_repo").asText()).isEqualTo("o/r");
        assertThat(settings.get("sources").get("github_token").asText()).isEqualTo("settings");
        assertThat(settings.get("sources").get("openai_api_key").asText()).isEqualTo("environment");
        assertThat(settings.get("sources").get("llm_model").asText()).isEqualTo("unset");
        assertThat(settings.get("configured").asBoolean()).isFalse();
        assertThat(settings.toString()).doesNotContain("ghp_abcdefghijkl1234", "sk-env-openai-9999");
    }

    @Test
    void listsTheSourcesInTheSettingsOwnOrderEveryTime() {
        JsonNode sources = api.get("/api/settings").json().get("sources");

        List<String> keys = new ArrayList<>();
        sources.fieldNames().forEachRemaining(keys::add);
        List<String> expected = new ArrayList<>(SettingsStore.PREFERENCES);
        expected.addAll(SettingsStore.SECRETS);
        assertThat(keys).containsExactlyElementsOf(expected);
    }

    @Test
    void storesSecretsInAnOwnerOnlyFileAndGivesThemUnmaskedToJava() throws Exception {
        Reply reply = api.put(
                "/api/settings",
                "{\"anthropic_api_key\": \"sk-ant-secret-5678\", \"github_token\": \"t0ken-long-enough\", \"github_repo\": \"o/r\"}");

        Path file = dir.resolve("secrets/patchwork-secrets.json");
        assertThat(reply.json().get("status").asText()).isEqualTo("saved");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("sk-ant-secret-5678");
        Settings settings = sidecar.parts().settings().current();
        assertThat(settings.anthropicApiKey()).isEqualTo("sk-ant-secret-5678");
        assertThat(settings.configured()).isTrue();
        assertThat(settings.toString()).doesNotContain("sk-ant-secret-5678");
    }

    @Test
    void clearsKeysSentEmptyOrNullAndKeepsAbsentOnes() {
        api.put(
                "/api/settings",
                "{\"anthropic_api_key\": \"sk-ant-secret-5678\", \"llm_model\": \"m\", \"github_repo\": \"o/r\"}");

        api.put("/api/settings", "{\"anthropic_api_key\": \"\", \"llm_model\": null}");

        JsonNode settings = api.get("/api/settings").json();
        assertThat(settings.get("anthropic_api_key").asText()).isEmpty();
        assertThat(settings.get("llm_model").asText()).isEmpty();
        assertThat(settings.get("github_repo").asText()).isEqualTo("o/r");
        assertThat(settings.get("sources").get("anthropic_api_key").asText()).isEqualTo("unset");
    }

    @Test
    void rejectsUnknownProvidersAndKeys() {
        Reply provider = api.put("/api/settings", "{\"llm_provider\": \"gemini\"}");
        Reply unknown = api.put("/api/settings", "{\"password\": \"x\"}");

        assertThat(provider.status()).isEqualTo(422);
        assertThat(provider.json().get("allowed").toString()).contains("anthropic", "openai");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("field").asText()).isEqualTo("password");
    }
}
