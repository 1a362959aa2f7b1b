package dev.patchworkmcp.sidecar.feedback;

/**
 * One attempt to draft a pull request for a report: {@code status} is {@code running}, {@code succeeded} or
 * {@code failed}; {@code finishedAt} is null while running. Immutable.
 */
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
