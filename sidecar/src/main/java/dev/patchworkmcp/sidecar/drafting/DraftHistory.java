package dev.patchworkmcp.sidecar.drafting;

import dev.patchworkmcp.sidecar.drafting.model.LlmProvider;
import dev.patchworkmcp.sidecar.feedback.DraftRunningException;
import java.util.List;

/**
 * Where every draft run is recorded (the drafts table), so a report keeps all its drafts. A draft of several
 * reports is recorded on each of them.
 */
public interface DraftHistory {
    /**
     * Records a run that starts now.
     *
     * @throws DraftRunningException when a draft of one of the reports is already running
     */
    Entry start(DraftSubject subject, LlmProvider provider, String model);

    /** Records how the run ended. */
    void finish(Entry entry, DraftOutcome outcome);

    /** The earlier drafts of the subject's reports, oldest first. */
    List<EarlierDraft> earlier(DraftSubject subject);

    /** The history rows of one run, one per report. */
    record Entry(List<String> draftIds) {
        public Entry {
            draftIds = List.copyOf(draftIds);
        }
    }
}
