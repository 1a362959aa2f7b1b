package dev.patchworkmcp.sidecar.calls;

import java.util.List;

/**
 * A gap inferred from what an agent did in one session: the rule that fired, the report's gap type, the tool
 * concerned, how sure the rule is (0..1), a sentence for each of the report's two required texts, and the calls
 * that show it. Immutable.
 */
public record InferredGap(
        String rule,
        String gapType,
        String tool,
        double confidence,
        String needed,
        String tried,
        List<CallRecord> evidence) {
    public InferredGap {
        evidence = List.copyOf(evidence);
    }
}
