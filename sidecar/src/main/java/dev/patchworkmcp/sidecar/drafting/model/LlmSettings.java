package dev.patchworkmcp.sidecar.drafting.model;

import java.time.Duration;

/** How to call the model: provider, model id, key, base URL, timeout and output token limit. */
public record LlmSettings(
        LlmProvider provider, String model, String apiKey, String baseUrl, Duration timeout, int maxOutputTokens) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 16_000;

    @Override
    public String toString() {
        return "LlmSettings[" + provider + ", " + model + ", " + baseUrl + ", key=****]";
    }
}
