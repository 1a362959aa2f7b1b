package dev.patchworkmcp.sidecar.drafting.repository;

import dev.patchworkmcp.sidecar.drafting.DraftProgress;
import dev.patchworkmcp.sidecar.localgit.LocalRepository;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Drafts into a local git working copy: a new branch with one commit, written straight into the object
 * database (the checked-out branch and uncommitted work are left alone). Thread-safe: each call opens the
 * repository for itself.
 */
public final class LocalGitTarget implements DraftTarget {
    private static final int BRANCH_ATTEMPTS = 3;

    private final Path path;
    private final String configuredBranch;

    public LocalGitTarget(Path path, String baseBranch) {
        this.path = path;
        this.configuredBranch = baseBranch == null ? "" : baseBranch.strip();
    }

    @Override
    public String describe() {
        return path.toString();
    }

    @Override
    public RepoSnapshot snapshot(Predicate<String> descend) {
        try (LocalRepository repository = LocalRepository.open(path)) {
            String base = repository.baseBranch(configuredBranch);
            String head = repository.head(base);
            List<RepoFile> files = repository.files(head).stream()
                    .map(file -> new RepoFile(file.path(), file.mode(), file.size()))
                    .toList();
            return new RepoSnapshot(base, head, files, false, false);
        }
    }

    @Override
    public byte[] read(RepoSnapshot snapshot, String file) {
        try (LocalRepository repository = LocalRepository.open(path)) {
            return repository.read(snapshot.baseCommit(), file);
        }
    }

    @Override
    public Publication publish(
            RepoSnapshot snapshot, Proposal proposal, Supplier<String> branchNames, DraftProgress progress) {
        try (LocalRepository repository = LocalRepository.open(path)) {
            String branch = branchNames.get();
            for (int attempt = 1; repository.hasBranch(branch) && attempt < BRANCH_ATTEMPTS; attempt++) {
                branch = branchNames.get();
            }
            progress.step("Creating branch " + branch + " in " + path + "...");
            Map<String, String> changes = new LinkedHashMap<>();
            proposal.files().forEach(file -> changes.put(file.path(), file.content()));
            progress.step("Committing: "
                    + proposal.commitMessage().lines().findFirst().orElse(""));
            String commit =
                    repository.commitOnNewBranch(branch, snapshot.baseCommit(), commitMessage(proposal), changes);
            return new Publication.LocalCommit(branch, commit);
        }
    }

    /** A local commit has no pull request, so its message carries the title and body. */
    private static String commitMessage(Proposal proposal) {
        return proposal.commitMessage() + "\n\n" + proposal.title() + "\n\n" + proposal.body();
    }
}
