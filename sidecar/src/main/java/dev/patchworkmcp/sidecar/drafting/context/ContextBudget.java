package dev.patchworkmcp.sidecar.drafting.context;

/**
 * How much context a draft may use: bytes of file content in the prompt, files read and shown, lines of context
 * around each interesting line in an excerpt, entries of the repository listing.
 */
public record ContextBudget(int contextBytes, int filesToRead, int filesShown, int excerptRadius, int listingEntries) {
    /** About 30k tokens of code: fits every current model with room for a multi-file answer. */
    public static ContextBudget defaults() {
        return new ContextBudget(120_000, 24, 12, 25, 300);
    }
}
