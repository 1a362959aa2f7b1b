package dev.patchworkmcp.sidecar.drafting.repository;

import dev.patchworkmcp.sidecar.drafting.DraftProgress;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Where drafts are read from and written to: a GitHub repository or a local git working copy. */
public sealed interface DraftTarget extends AutoCloseable permits GitHubTarget, LocalGitTarget {
    /** For messages, e.g. {@code octo/server} or {@code /home/me/server}. */
    String describe();

    /** Lists the base branch; {@code descend} may skip directories when a listing must be walked. */
    RepoSnapshot snapshot(Predicate<String> descend);

    /** The bytes of one file of the snapshot. */
    byte[] read(RepoSnapshot snapshot, String path);

    /**
     * Creates a new branch (names from {@code branchNames} until one is free), commits the proposal and, on
     * GitHub, opens a draft pull request. A failure after the branch was created deletes the branch.
     */
    /** Releases connections the target holds; a target is used for one run. */
    @Override
    default void close() {}

    Publication publish(RepoSnapshot snapshot, Proposal proposal, Supplier<String> branchNames, DraftProgress progress);
}
