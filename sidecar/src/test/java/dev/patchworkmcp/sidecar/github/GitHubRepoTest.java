package dev.patchworkmcp.sidecar.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GitHubRepoTest {
    @Test
    void acceptsOwnerSlashNameAndCommonUrlForms() {
        assertThat(GitHubRepo.of("octo/weather-mcp")).isEqualTo(new GitHubRepo("octo", "weather-mcp"));
        assertThat(GitHubRepo.of("https://github.com/octo/weather-mcp.git")).hasToString("octo/weather-mcp");
        assertThat(GitHubRepo.of(" octo/weather.mcp/ ")).hasToString("octo/weather.mcp");
    }

    @Test
    void refusesValuesThatCouldAddressAnotherEndpoint() {
        assertThatThrownBy(() -> GitHubRepo.of("octo/../collaborators"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("owner/name");
        assertThatThrownBy(() -> GitHubRepo.of("octo/..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GitHubRepo.of("octo/x?y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GitHubRepo.of("weather-mcp")).isInstanceOf(IllegalArgumentException.class);
    }
}
