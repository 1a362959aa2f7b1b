package dev.patchworkmcp.sidecar.drafting.model;

import java.util.Locale;
import java.util.Optional;

/** The model providers drafting can call, with their default models (current, lower-case ids). */
public enum LlmProvider {
    ANTHROPIC("anthropic", "Anthropic", "claude-sonnet-4-5", "https://api.anthropic.com/v1"),
    OPENAI("openai", "OpenAI", "gpt-5.1", "https://api.openai.com/v1");

    private final String id;
    private final String label;
    private final String defaultModel;
    private final String defaultBaseUrl;

    LlmProvider(String id, String label, String defaultModel, String defaultBaseUrl) {
        this.id = id;
        this.label = label;
        this.defaultModel = defaultModel;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** Parses a provider setting; blank means Anthropic, anything unknown is empty. */
    public static Optional<LlmProvider> of(String value) {
        String id = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (id.isEmpty()) {
            return Optional.of(ANTHROPIC);
        }
        for (LlmProvider provider : values()) {
            if (provider.id.equals(id)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public String defaultModel() {
        return defaultModel;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** The setting that holds this provider's key, as named in the API and the error messages. */
    public String keySetting() {
        return id + "_api_key";
    }

    public String keyVariable() {
        return id.toUpperCase(Locale.ROOT) + "_API_KEY";
    }
}
