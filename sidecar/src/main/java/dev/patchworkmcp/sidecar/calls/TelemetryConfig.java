package dev.patchworkmcp.sidecar.calls;

import java.util.List;

/**
 * Settings of call records and masking: whether gaps are inferred from call records, and the regular expressions
 * masked as secrets on top of the built-in rules. Immutable.
 */
public record TelemetryConfig(boolean inferGaps, List<String> maskPatterns) {
    public TelemetryConfig {
        maskPatterns = List.copyOf(maskPatterns);
    }

    public static TelemetryConfig defaults() {
        return new TelemetryConfig(true, List.of());
    }
}
