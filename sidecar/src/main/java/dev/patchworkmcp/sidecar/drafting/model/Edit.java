package dev.patchworkmcp.sidecar.drafting.model;

/** One change the model proposes to one file. */
public sealed interface Edit {
    String path();

    /** A new file; it must not exist yet. */
    record Create(String path, String content) implements Edit {}

    /** Replace one snippet, which must occur exactly once in the file, by another. */
    record Replace(String path, String oldText, String newText) implements Edit {}

    /** Delete a file the model was shown. */
    record Delete(String path) implements Edit {}
}
