package dev.patchworkmcp.sidecar.feedback;

/**
 * What a successful draft produced: the PR URL (empty for a local repository), the branch, the commit and the
 * tokens the model used. Immutable.
 */
public record DraftResult(String prUrl, String branch, String commitSha, long inputTokens, long outputTokens) {}
