package dev.patchworkmcp.sidecar.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of the draft-PR settings with secrets in clear, for server-side use only (never serialise it to a
 * client; {@link #toString()} masks the secrets). Empty strings mean unset. {@code sources} says where each key
 * came from: {@code environment}, {@code settings} or {@code unset}. Immutable.
 */
public record Settings(
        String githubRepo,
        String defaultBranch,
        String llmProvider,
        String llmModel,
        String repoPath,
        String githubToken,
        String anthropicApiKey,
        String openaiApiKey,
        Map<String, String> sources) {

    public static final String ANTHROPIC = "anthropic";
    public static final String OPENAI = "openai";

    public Settings {
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /** The provider to use: the stored one, {@code anthropic} when unset. */
    public String effectiveProvider() {
        return llmProvider.isBlank() ? ANTHROPIC : llmProvider;
    }

    /** The API key of {@link #effectiveProvider()}, "" when unset. */
    public String providerApiKey() {
        return OPENAI.equals(effectiveProvider()) ? openaiApiKey : anthropicApiKey;
    }

    /**
     * True when a draft can run: the provider's key, and either a GitHub repository with a token or a local
     * repository path.
     */
    public boolean configured() {
        boolean target = (!githubRepo.isBlank() && !githubToken.isBlank()) || !repoPath.isBlank();
        return target && !providerApiKey().isBlank();
    }

    /** The value of a key by its wire name. */
    public String value(String key) {
        return switch (key) {
            case "github_repo" -> githubRepo;
            case "default_branch" -> defaultBranch;
            case "llm_provider" -> llmProvider;
            case "llm_model" -> llmModel;
            case "repo_path" -> repoPath;
            case "github_token" -> githubToken;
            case "anthropic_api_key" -> anthropicApiKey;
            case "openai_api_key" -> openaiApiKey;
            default -> throw new IllegalArgumentException("Unknown settings key " + key);
        };
    }

    /** "****" plus the last four characters for long secrets; "****" for short ones; "" when unset. */
    public static String mask(String secret) {
        if (secret.isEmpty()) {
            return "";
        }
        return secret.length() <= 8 ? "****" : "****" + secret.substring(secret.length() - 4);
    }

    @Override
    public String toString() {
        return "Settings[githubRepo=" + githubRepo + ", defaultBranch=" + defaultBranch + ", llmProvider=" + llmProvider
                + ", llmModel=" + llmModel + ", repoPath=" + repoPath + ", githubToken=" + mask(githubToken)
                + ", anthropicApiKey=" + mask(anthropicApiKey) + ", openaiApiKey=" + mask(openaiApiKey) + "]";
    }
}
