package dev.patchworkmcp.sidecar.drafting;

import java.time.Instant;

/** A draft made before for the same report(s), linked from a re-draft's pull request. */
public record EarlierDraft(String id, String prUrl, String branch, String status, Instant createdAt) {}
