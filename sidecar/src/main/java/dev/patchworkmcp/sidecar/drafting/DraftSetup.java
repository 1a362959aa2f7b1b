package dev.patchworkmcp.sidecar.drafting;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.drafting.context.ContextBudget;
import dev.patchworkmcp.sidecar.drafting.guard.DraftLimits;
import dev.patchworkmcp.sidecar.drafting.model.DraftModel;
import dev.patchworkmcp.sidecar.drafting.model.LlmDraftModel;
import dev.patchworkmcp.sidecar.drafting.model.LlmProvider;
import dev.patchworkmcp.sidecar.drafting.model.LlmSettings;
import dev.patchworkmcp.sidecar.drafting.repository.DraftTarget;
import dev.patchworkmcp.sidecar.drafting.repository.GitHubTarget;
import dev.patchworkmcp.sidecar.drafting.repository.LocalGitTarget;
import dev.patchworkmcp.sidecar.github.GitHubClient;
import dev.patchworkmcp.sidecar.github.GitHubConnection;
import dev.patchworkmcp.sidecar.github.GitHubRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a settings snapshot into a {@link DraftPlan}, or a {@link DraftNotConfiguredException} naming everything
 * missing at once (token, repository, provider key), so a reviewer fixes the settings in one go. Immutable.
 */
public final class DraftSetup {
    private final DraftEndpoints endpoints;
    private final ContextBudget budget;
    private final DraftLimits limits;
    private final Function<LlmSettings, DraftModel> models;
    private final ObjectMapper json;
    private final Clock clock;

    private DraftSetup(DraftEndpoints endpoints, ObjectMapper json, Clock clock) {
        this.endpoints = endpoints;
        this.budget = ContextBudget.defaults();
        this.limits = DraftLimits.defaults();
        this.models = llm -> new LlmDraftModel(llm, json);
        this.json = json;
        this.clock = clock;
    }

    /**
     * The standard setup: real langchain4j models at {@code endpoints}, {@code json} for the model's answers and
     * GitHub's, the system clock.
     */
    public static DraftSetup of(DraftEndpoints endpoints, ObjectMapper json) {
        return new DraftSetup(endpoints, json, Clock.systemUTC());
    }

    public DraftPlan plan(DraftSettings settings) {
        LlmProvider provider = LlmProvider.of(settings.llmProvider())
                .orElseThrow(() -> new DraftNotConfiguredException(
                        "llm_provider '" + settings.llmProvider() + "' is not supported; use anthropic or openai.",
                        "llm_provider",
                        Arrays.stream(LlmProvider.values()).map(LlmProvider::id).toList()));
        List<String> missing = new ArrayList<>();
        boolean local = !blank(settings.repoPath());
        if (!local && blank(settings.githubToken())) {
            missing.add("github_token (or GITHUB_TOKEN)");
        }
        if (!local && blank(settings.githubRepo())) {
            missing.add("github_repo (owner/name), or repo_path (FEEDBACK_REPO_PATH) for a local repository");
        }
        String key = provider == LlmProvider.ANTHROPIC ? settings.anthropicApiKey() : settings.openaiApiKey();
        if (blank(key)) {
            missing.add(provider.keySetting() + " (or " + provider.keyVariable() + ") for " + provider.label());
        }
        if (!missing.isEmpty()) {
            throw new DraftNotConfiguredException(
                    "Drafting is not configured; missing: " + String.join("; ", missing)
                            + ". Set them in the dashboard's settings or the environment.",
                    missing.getFirst().split(" ")[0],
                    List.of());
        }
        String model = blank(settings.llmModel())
                ? provider.defaultModel()
                : settings.llmModel().strip();
        LlmSettings llm = new LlmSettings(
                provider,
                model,
                key.strip(),
                endpoints.baseUrl(provider),
                LlmSettings.DEFAULT_TIMEOUT,
                LlmSettings.DEFAULT_MAX_OUTPUT_TOKENS);
        return new DraftPlan(target(settings, local), models.apply(llm), provider, model, budget, limits, clock);
    }

    private DraftTarget target(DraftSettings settings, boolean local) {
        if (local) {
            Path path = Path.of(settings.repoPath().strip());
            if (!Files.isDirectory(path)) {
                throw new DraftNotConfiguredException(
                        "repo_path '" + path + "' is not a directory; set FEEDBACK_REPO_PATH to a git working copy.",
                        "repo_path",
                        List.of());
            }
            return new LocalGitTarget(path, settings.defaultBranch());
        }
        GitHubRepo repo;
        try {
            repo = GitHubRepo.of(settings.githubRepo());
        } catch (IllegalArgumentException e) {
            throw new DraftNotConfiguredException(e.getMessage(), "github_repo", List.of());
        }
        GitHubClient client = new GitHubClient(
                GitHubConnection.of(
                        endpoints.githubApiUrl(), settings.githubToken().strip()),
                json);
        return new GitHubTarget(client, repo, settings.defaultBranch());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
