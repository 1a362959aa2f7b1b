package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the sidecar reads its settings: environment variable names win over application.yaml keys. */
class SidecarConfigTest {

    private static SidecarConfig read(Map<String, String> values) {
        return SidecarConfig.from(Config.just(ConfigSources.create(values)));
    }

    @Test
    void draftingEndpointsAndRepoPathComeFromTheirVariables() {
        SidecarConfig config = read(Map.of(
                "GITHUB_API_URL", "http://127.0.0.1:9001",
                "ANTHROPIC_BASE_URL", "http://127.0.0.1:9002",
                "OPENAI_BASE_URL", " http://127.0.0.1:9003 ",
                "FEEDBACK_REPO_PATH", "/srv/checkout",
                "FEEDBACK_HEARTBEAT_SECONDS", "3"));

        assertThat(config.drafting().endpoints().githubApiUrl()).isEqualTo("http://127.0.0.1:9001");
        assertThat(config.drafting().endpoints().anthropicBaseUrl()).isEqualTo("http://127.0.0.1:9002");
        assertThat(config.drafting().endpoints().openaiBaseUrl()).isEqualTo("http://127.0.0.1:9003");
        assertThat(config.drafting().repoPath()).isEqualTo("/srv/checkout");
        assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void yamlKeysAreUsedWhenTheVariablesAreUnsetAndTheVariableWins() {
        SidecarConfig config = read(Map.of(
                "sidecar.drafting.github-api-url", "http://yaml.example",
                "sidecar.drafting.repo-path", "/from/yaml",
                "FEEDBACK_REPO_PATH", "/from/env"));

        assertThat(config.drafting().endpoints().githubApiUrl()).isEqualTo("http://yaml.example");
        assertThat(config.drafting().repoPath()).isEqualTo("/from/env");
    }

    @Test
    void unsetDraftingKeysMeanThePublicServicesAndNoWorkingCopy() {
        SidecarConfig config = read(Map.of());

        assertThat(config.drafting().endpoints().githubApiUrl()).isEmpty();
        assertThat(config.drafting().repoPath()).isEmpty();
        assertThat(config.heartbeat()).isEqualTo(SidecarConfig.DEFAULT_HEARTBEAT);
        assertThat(config.port()).isEqualTo(8099);
    }

    @Test
    void aZeroHeartbeatIsRefusedWithTheVariableNamed() {
        assertThatThrownBy(() -> read(Map.of("FEEDBACK_HEARTBEAT_SECONDS", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("FEEDBACK_HEARTBEAT_SECONDS");
    }
}
