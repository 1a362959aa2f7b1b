package dev.patchworkmcp.sidecar.drafting;

import dev.patchworkmcp.sidecar.drafting.repository.Publication;

/** How a draft run ended, with the tokens the model used (0 when it was never called). */
public sealed interface DraftOutcome {
    long inputTokens();

    long outputTokens();

    /** The change was published: a draft pull request, or a commit on a local branch. */
    record Drafted(Publication publication, long inputTokens, long outputTokens) implements DraftOutcome {}

    /** The model's answer broke a guardrail; nothing was written. */
    record Declined(String reason, long inputTokens, long outputTokens) implements DraftOutcome {}

    /** The run failed (GitHub, the model, edits that do not apply); a branch it created was deleted. */
    record Failed(String reason, long inputTokens, long outputTokens) implements DraftOutcome {}
}
