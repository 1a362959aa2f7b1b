package dev.patchworkmcp.sidecar.github;

/**
 * The new content of one file in a commit, or its deletion ({@code content} null). {@code mode} is the git file
 * mode to keep ({@code 100644} for a new file).
 */
public record FileChange(String path, String content, String mode) {
    public static final String REGULAR = "100644";

    public static FileChange write(String path, String content, String mode) {
        return new FileChange(path, content, mode == null ? REGULAR : mode);
    }

    public static FileChange delete(String path) {
        return new FileChange(path, null, REGULAR);
    }

    public boolean isDeletion() {
        return content == null;
    }
}
