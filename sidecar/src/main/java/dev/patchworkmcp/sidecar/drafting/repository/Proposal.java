package dev.patchworkmcp.sidecar.drafting.repository;

import java.util.List;

/** A validated change ready to publish: the files, the commit message and the pull request's title and body. */
public record Proposal(List<ChangedFile> files, String commitMessage, String title, String body) {
    public Proposal {
        files = List.copyOf(files);
    }
}
