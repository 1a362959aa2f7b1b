package dev.patchworkmcp.sidecar.drafting;

/**
 * The settings drafting reads, secrets unmasked, environment overrides already applied (a snapshot taken when
 * a draft starts). Blank means unset. {@code repoPath} set: draft into that local working copy instead of GitHub.
 */
public record DraftSettings(
        String githubToken,
        String githubRepo,
        String defaultBranch,
        String llmProvider,
        String llmModel,
        String anthropicApiKey,
        String openaiApiKey,
        String repoPath) {

    @Override
    public String toString() {
        return "DraftSettings[repo=" + githubRepo + ", branch=" + defaultBranch + ", provider=" + llmProvider
                + ", model=" + llmModel + ", repoPath=" + repoPath + ", secrets=****]";
    }
}
