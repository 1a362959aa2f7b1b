package dev.patchworkmcp.sidecar.github;

/** A pull request GitHub opened: its number and the URL a person opens. */
public record PullRequest(int number, String htmlUrl) {}
