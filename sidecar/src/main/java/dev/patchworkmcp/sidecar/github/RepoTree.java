package dev.patchworkmcp.sidecar.github;

import java.util.List;

/**
 * The files of a commit. {@code walkedSubtrees} is true when GitHub truncated the recursive listing and the
 * client listed the subtrees one by one instead; {@code incomplete} is true when even that hit its limit.
 */
public record RepoTree(String commitSha, List<RepoEntry> files, boolean walkedSubtrees, boolean incomplete) {
    public RepoTree {
        files = List.copyOf(files);
    }
}
