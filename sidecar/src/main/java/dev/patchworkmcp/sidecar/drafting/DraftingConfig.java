package dev.patchworkmcp.sidecar.drafting;

import java.util.Objects;

/**
 * What drafting needs from the sidecar's configuration: the services' base URLs ({@code GITHUB_API_URL},
 * {@code ANTHROPIC_BASE_URL}, {@code OPENAI_BASE_URL}) and the local working copy used when the settings name
 * none ({@code FEEDBACK_REPO_PATH}, blank for none).
 */
public record DraftingConfig(DraftEndpoints endpoints, String repoPath) {
    public DraftingConfig {
        Objects.requireNonNull(endpoints, "endpoints");
        repoPath = repoPath == null ? "" : repoPath.strip();
    }

    /** The public services, no local working copy. */
    public static DraftingConfig defaults() {
        return new DraftingConfig(DraftEndpoints.defaults(), "");
    }
}
