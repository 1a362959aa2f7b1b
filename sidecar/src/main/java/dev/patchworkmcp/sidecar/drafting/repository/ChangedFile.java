package dev.patchworkmcp.sidecar.drafting.repository;

/** The final content of one file after the edits ({@code content} null: the file is deleted), with its mode. */
public record ChangedFile(String path, String content, String mode) {
    public boolean deleted() {
        return content == null;
    }
}
