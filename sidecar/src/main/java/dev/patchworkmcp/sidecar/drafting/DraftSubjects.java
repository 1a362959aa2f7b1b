package dev.patchworkmcp.sidecar.drafting;

import java.util.Optional;

/** Loads what to draft from: a report with its notes (the feedback store implements this). */
public interface DraftSubjects {
    Optional<DraftSubject> forReport(String reportId);
}
