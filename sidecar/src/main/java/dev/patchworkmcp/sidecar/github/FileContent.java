package dev.patchworkmcp.sidecar.github;

/** The bytes of one file at a ref, with its blob id. */
public record FileContent(String path, String sha, byte[] bytes) {}
