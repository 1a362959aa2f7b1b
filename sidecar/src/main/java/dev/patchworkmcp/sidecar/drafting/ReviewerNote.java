package dev.patchworkmcp.sidecar.drafting;

import java.time.Instant;

/** A note a reviewer wrote on a report: human context for the draft, still quoted to the model as data. */
public record ReviewerNote(String id, Instant timestamp, String content) {}
