package dev.patchworkmcp.sidecar.drafting.model;

/** The model's parsed answer and what it cost. */
public record ModelReply(DraftAnswer answer, long inputTokens, long outputTokens) {}
