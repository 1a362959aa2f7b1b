package dev.patchworkmcp.sidecar.feedback;

/** A reviewer's note on a report; append-only. Immutable. */
public record Note(String id, String feedbackId, String timestamp, String content) {}
