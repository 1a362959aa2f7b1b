package dev.patchworkmcp.sidecar.github;

/** One file (blob) in a repository tree: its path, git file mode, size in bytes and blob id. */
public record RepoEntry(String path, String mode, long size, String sha) {}
