package dev.patchworkmcp.sidecar.drafting.model;

import java.util.List;

/** The model's structured answer: the edits, and the texts of the commit and the pull request. */
public record DraftAnswer(
        List<Edit> edits, String commitMessage, String prTitle, String prBody, double confidence, String rationale) {
    public DraftAnswer {
        edits = List.copyOf(edits);
    }
}
