package dev.patchworkmcp.sidecar.feedback;

import java.util.List;

/**
 * A stored report: its id, the server's receive time, what was reported, review state, the latest drafted PR's
 * URL ("" when none) and its notes, oldest first. Immutable.
 */
public record Feedback(
        String id, String timestamp, FeedbackInput report, boolean reviewed, String prUrl, List<Note> notes) {

    public Feedback {
        notes = List.copyOf(notes);
    }

    public Feedback withNotes(List<Note> newNotes) {
        return new Feedback(id, timestamp, report, reviewed, prUrl, newNotes);
    }
}
