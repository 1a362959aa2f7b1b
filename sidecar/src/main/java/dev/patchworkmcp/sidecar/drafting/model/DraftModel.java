package dev.patchworkmcp.sidecar.drafting.model;

import dev.patchworkmcp.sidecar.drafting.DraftException;

/** Asks a model for a change; throws {@link DraftException} with a clear message when it cannot. */
public interface DraftModel {
    ModelReply propose(DraftPrompt prompt);
}
