package dev.patchworkmcp.sidecar.drafting;

/**
 * A draft made before for the same report(s), linked from a re-draft's pull request. {@code status} is the draft
 * history's ({@code running}, {@code succeeded}, {@code failed}); {@code createdAt} is ISO-8601 UTC.
 */
public record EarlierDraft(String id, String prUrl, String branch, String status, String createdAt) {
    public static final String SUCCEEDED = "succeeded";

    public boolean succeeded() {
        return SUCCEEDED.equals(status);
    }
}
