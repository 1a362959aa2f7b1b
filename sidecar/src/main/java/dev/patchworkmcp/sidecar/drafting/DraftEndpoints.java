package dev.patchworkmcp.sidecar.drafting;

import dev.patchworkmcp.sidecar.drafting.model.LlmProvider;

/**
 * Base URLs of the services drafting calls: {@code GITHUB_API_URL} (default {@code https://api.github.com}),
 * {@code ANTHROPIC_BASE_URL} and {@code OPENAI_BASE_URL} (the providers' public APIs when unset). Tests point them
 * at loopback fakes.
 */
public record DraftEndpoints(String githubApiUrl, String anthropicBaseUrl, String openaiBaseUrl) {
    public static DraftEndpoints defaults() {
        return new DraftEndpoints("", "", "");
    }

    String baseUrl(LlmProvider provider) {
        String configured = switch (provider) {
            case ANTHROPIC -> anthropicBaseUrl;
            case OPENAI -> openaiBaseUrl;
        };
        if (configured == null || configured.isBlank()) {
            return provider.defaultBaseUrl();
        }
        String url = configured.strip().replaceAll("/+$", "");
        // Anthropic's own SDKs take ANTHROPIC_BASE_URL without the version; langchain4j wants it with.
        return provider == LlmProvider.ANTHROPIC && !url.endsWith("/v1") ? url + "/v1" : url;
    }
}
