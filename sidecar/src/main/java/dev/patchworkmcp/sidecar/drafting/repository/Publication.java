package dev.patchworkmcp.sidecar.drafting.repository;

/** Where a draft landed: a draft pull request on GitHub, or a commit on a new branch of a local repository. */
public sealed interface Publication {
    String branch();

    String commit();

    /** A draft pull request. */
    record PullRequest(String url, String branch, String commit) implements Publication {}

    /** A commit on a new branch of a local working copy. */
    record LocalCommit(String branch, String commit) implements Publication {}
}
