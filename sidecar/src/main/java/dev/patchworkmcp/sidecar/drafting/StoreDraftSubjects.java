package dev.patchworkmcp.sidecar.drafting;

import dev.patchworkmcp.sidecar.feedback.Feedback;
import dev.patchworkmcp.sidecar.feedback.FeedbackInput;
import dev.patchworkmcp.sidecar.feedback.FeedbackStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Loads a report and its notes from the feedback store as a {@link DraftSubject}. Thread-safe. */
public final class StoreDraftSubjects implements DraftSubjects {
    private final FeedbackStore feedback;

    public StoreDraftSubjects(FeedbackStore feedback) {
        this.feedback = feedback;
    }

    @Override
    public Optional<DraftSubject> forReport(String reportId) {
        return feedback.find(reportId).map(StoreDraftSubjects::subject);
    }

    static DraftSubject subject(Feedback stored) {
        FeedbackInput report = stored.report();
        return DraftSubject.of(new SubjectReport(
                stored.id(),
                report.serverName(),
                report.gapType(),
                report.whatINeeded(),
                report.whatITried(),
                report.suggestion(),
                report.userGoal(),
                report.resolution(),
                report.clientType(),
                report.toolsAvailable(),
                stored.notes().stream()
                        .map(note -> new ReviewerNote(note.id(), instant(note.timestamp()), note.content()))
                        .toList()));
    }

    private static Instant instant(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
