package dev.patchworkmcp.sidecar.localgit;

/** One file of a commit in a local repository: path, git file mode (e.g. {@code 100644}) and size in bytes. */
public record LocalFile(String path, String mode, long size) {}
