package dev.patchworkmcp.sidecar.feedback;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One attempt to draft a pull request for a report: {@code status} is {@code running}, {@code succeeded} or
 * {@code failed}; {@code finishedAt} is null while running. Its JSON (snake-case names, in this order) is the draft
 * history's wire form. Immutable.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DraftRecord(
        String id,
        String feedbackId,
        String status,
        String prUrl,
        String branch,
        String commitSha,
        String provider,
        String model,
        long inputTokens,
        long outputTokens,
        String error,
        String createdAt,
        String finishedAt) {

    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
}
