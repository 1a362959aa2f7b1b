package dev.patchworkmcp.sidecar.drafting.repository;

/** A file of the repository being drafted against: path, git mode and size in bytes. */
public record RepoFile(String path, String mode, long size) {}
