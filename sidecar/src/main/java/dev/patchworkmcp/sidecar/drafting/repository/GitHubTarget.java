package dev.patchworkmcp.sidecar.drafting.repository;

import dev.patchworkmcp.sidecar.drafting.DraftProgress;
import dev.patchworkmcp.sidecar.github.FileChange;
import dev.patchworkmcp.sidecar.github.GitHubClient;
import dev.patchworkmcp.sidecar.github.GitHubException;
import dev.patchworkmcp.sidecar.github.GitHubRepo;
import dev.patchworkmcp.sidecar.github.PullRequest;
import dev.patchworkmcp.sidecar.github.RepoTree;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Drafts against a GitHub repository: one commit on a new branch, then a draft pull request. Thread-safe. */
public final class GitHubTarget implements DraftTarget {
    private static final int BRANCH_ATTEMPTS = 3;

    private final GitHubClient client;
    private final GitHubRepo repo;
    private final String configuredBranch;

    /** {@code baseBranch} empty: the repository's default branch. */
    public GitHubTarget(GitHubClient client, GitHubRepo repo, String baseBranch) {
        this.client = client;
        this.repo = repo;
        this.configuredBranch = baseBranch == null ? "" : baseBranch.strip();
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String describe() {
        return repo.toString();
    }

    @Override
    public RepoSnapshot snapshot(Predicate<String> descend) {
        String base = configuredBranch.isEmpty() ? client.defaultBranch(repo) : configuredBranch;
        String head = client.branchHead(repo, base);
        RepoTree tree = client.tree(repo, head, descend);
        List<RepoFile> files = tree.files().stream()
                .map(entry -> new RepoFile(entry.path(), entry.mode(), entry.size()))
                .toList();
        return new RepoSnapshot(base, head, files, tree.walkedSubtrees(), tree.incomplete());
    }

    @Override
    public byte[] read(RepoSnapshot snapshot, String path) {
        return client.readFile(repo, path, snapshot.baseCommit()).bytes();
    }

    @Override
    public Publication publish(
            RepoSnapshot snapshot, Proposal proposal, Supplier<String> branchNames, DraftProgress progress) {
        String branch = createBranch(snapshot, branchNames, progress);
        try {
            progress.step("Committing: "
                    + proposal.commitMessage().lines().findFirst().orElse(""));
            List<FileChange> changes = proposal.files().stream()
                    .map(file -> file.deleted()
                            ? FileChange.delete(file.path())
                            : FileChange.write(file.path(), file.content(), file.mode()))
                    .toList();
            String commit = client.commit(repo, branch, snapshot.baseCommit(), proposal.commitMessage(), changes);
            progress.step("Opening draft pull request...");
            PullRequest pull =
                    client.openDraftPullRequest(repo, proposal.title(), proposal.body(), branch, snapshot.baseBranch());
            return new Publication.PullRequest(pull.htmlUrl(), branch, commit);
        } catch (RuntimeException e) {
            deleteQuietly(branch, progress, e);
            throw e;
        }
    }

    private String createBranch(RepoSnapshot snapshot, Supplier<String> branchNames, DraftProgress progress) {
        GitHubException last = null;
        for (int attempt = 0; attempt < BRANCH_ATTEMPTS; attempt++) {
            String branch = branchNames.get();
            progress.step("Creating branch " + branch + "...");
            try {
                client.createBranch(repo, branch, snapshot.baseCommit());
                return branch;
            } catch (GitHubException e) {
                if (e.kind() != GitHubException.Kind.BRANCH_EXISTS) {
                    throw e;
                }
                last = e;
                progress.detail("  branch " + branch + " already exists, choosing another name");
            }
        }
        throw last;
    }

    private void deleteQuietly(String branch, DraftProgress progress, RuntimeException cause) {
        try {
            client.deleteBranch(repo, branch);
            progress.detail("  deleted branch " + branch + " after the failure");
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            progress.detail("  could not delete branch " + branch + ": " + e.getMessage());
        }
    }
}
