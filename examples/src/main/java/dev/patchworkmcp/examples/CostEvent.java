package dev.patchworkmcp.examples;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One metered call to an AI provider: who it was for, what it cost, and the caller's {@code context} (run id,
 * session id, feature...). The context is recorded but, on purpose, no tool can search by it.
 */
public record CostEvent(
        String id,
        String timestamp,
        String service,
        String model,
        String customer,
        @JsonProperty("input_tokens") long inputTokens,
        @JsonProperty("output_tokens") long outputTokens,
        @JsonProperty("cost_usd") BigDecimal costUsd,
        Map<String, String> context) {

    public CostEvent {
        context = Map.copyOf(context);
    }

    /** The timestamp as an instant, for filtering and sorting. */
    public Instant at() {
        return Instant.parse(timestamp);
    }
}
