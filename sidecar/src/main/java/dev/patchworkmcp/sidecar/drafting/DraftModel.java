package dev.patchworkmcp.sidecar.drafting;

/** Asks a model for a change; throws {@link DraftException} with a clear message when it cannot. */
public interface DraftModel {
    ModelReply propose(DraftPrompt prompt);
}
