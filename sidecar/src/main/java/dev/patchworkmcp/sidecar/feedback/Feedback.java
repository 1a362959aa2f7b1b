package dev.patchworkmcp.sidecar.feedback;

import java.util.List;

/**
 * A stored report: its id, the server's receive time, what was reported, review state, the latest drafted PR's
 * URL ("" when none), its notes, oldest first, and the cluster of similar reports it belongs to (null until it
 * is clustered). Immutable.
 */
public record Feedback(
        String id,
        String timestamp,
        FeedbackInput report,
        boolean reviewed,
        String prUrl,
        List<Note> notes,
        String clusterId) {

    public Feedback {
        notes = List.copyOf(notes);
    }

    /** A report not clustered (yet). */
    public Feedback(
            String id, String timestamp, FeedbackInput report, boolean reviewed, String prUrl, List<Note> notes) {
        this(id, timestamp, report, reviewed, prUrl, notes, null);
    }

    public Feedback withNotes(List<Note> newNotes) {
        return new Feedback(id, timestamp, report, reviewed, prUrl, newNotes, clusterId);
    }
}
