package dev.patchworkmcp.sidecar.feedback;

import java.util.List;

/**
 * One validated report as it arrives: the feedback tool's fields, the reporter's enrichment (source, client,
 * protocol version, context) and the idempotency key (null when none). Every text is non-null; {@code context}
 * is compact JSON text of an object, or null. Immutable.
 */
public record FeedbackInput(
        String serverName,
        String whatINeeded,
        String whatITried,
        String gapType,
        String suggestion,
        String userGoal,
        String resolution,
        String agentModel,
        List<String> toolsAvailable,
        String sessionId,
        String clientType,
        String source,
        String userAgent,
        String clientName,
        String clientVersion,
        String protocolVersion,
        String context,
        String idempotencyKey) {

    public FeedbackInput {
        toolsAvailable = List.copyOf(toolsAvailable);
    }
}
