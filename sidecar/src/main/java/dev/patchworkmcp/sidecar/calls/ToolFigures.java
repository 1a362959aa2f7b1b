package dev.patchworkmcp.sidecar.calls;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One row of the Tools page: a tool's calls, errors and latency percentiles (ms, null without calls) in the
 * selected range, when it was last called (null when never) and whether the server advertises it. Its JSON is
 * the row of {@code GET /api/tools}, with the error rate after the errors. Immutable.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"tool", "calls", "errors", "error_rate"})
public record ToolFigures(
        String tool, long calls, long errors, Double p50Ms, Double p95Ms, String lastCalledAt, boolean advertised) {

    /** errors / calls, 0 when never called. */
    @JsonProperty("error_rate")
    public double errorRate() {
        return calls == 0 ? 0 : Math.round(errors * 10_000.0 / calls) / 10_000.0;
    }
}
