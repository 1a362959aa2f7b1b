package dev.patchworkmcp.sidecar.drafting.repository;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The files of the base branch at the commit the draft starts from. {@code walkedSubtrees}: the host truncated
 * its listing and the subtrees were listed one by one; {@code incomplete}: even that hit a limit.
 */
public record RepoSnapshot(
        String baseBranch, String baseCommit, List<RepoFile> files, boolean walkedSubtrees, boolean incomplete) {
    public RepoSnapshot {
        files = List.copyOf(files);
    }

    public Map<String, RepoFile> byPath() {
        return files.stream().collect(Collectors.toMap(RepoFile::path, Function.identity(), (a, b) -> a));
    }
}
