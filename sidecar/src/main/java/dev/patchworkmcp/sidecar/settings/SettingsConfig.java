package dev.patchworkmcp.sidecar.settings;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where secrets live: the 0600 secrets file, and the secrets given by the environment ({@code GITHUB_TOKEN},
 * {@code ANTHROPIC_API_KEY}, {@code OPENAI_API_KEY}), which win over the file. Immutable; {@link #toString()}
 * never shows a secret.
 */
public record SettingsConfig(Path secretsFile, Map<String, String> environmentSecrets) {

    public SettingsConfig {
        environmentSecrets = Map.copyOf(environmentSecrets);
    }

    @Override
    public String toString() {
        return "SettingsConfig[secretsFile=" + secretsFile + ", fromEnvironment=" + environmentSecrets.keySet() + "]";
    }
}
