package dev.patchworkmcp.sidecar.drafting;

import dev.patchworkmcp.sidecar.settings.Settings;
import dev.patchworkmcp.sidecar.settings.SettingsStore;
import java.util.function.Supplier;

/**
 * Takes a fresh settings snapshot for each draft from the settings store (secrets unmasked, environment secrets
 * already winning), with {@code FEEDBACK_REPO_PATH} as the fallback of the {@code repo_path} setting. Thread-safe.
 */
public final class DraftSettingsSource implements Supplier<DraftSettings> {
    private final SettingsStore store;
    private final String repoPathFallback;

    /** {@code repoPathFallback}: the configured {@code FEEDBACK_REPO_PATH}, blank for none. */
    public DraftSettingsSource(SettingsStore store, String repoPathFallback) {
        this.store = store;
        this.repoPathFallback = repoPathFallback == null ? "" : repoPathFallback;
    }

    @Override
    public DraftSettings get() {
        Settings settings = store.current();
        String repoPath = settings.repoPath().isBlank() ? repoPathFallback : settings.repoPath();
        return new DraftSettings(
                settings.githubToken(),
                settings.githubRepo(),
                settings.defaultBranch(),
                settings.llmProvider(),
                settings.llmModel(),
                settings.anthropicApiKey(),
                settings.openaiApiKey(),
                repoPath);
    }
}
