package dev.patchworkmcp.sidecar.drafting;

import java.util.List;

/** Where every draft run is recorded (the drafts table), so a report keeps all its drafts. */
public interface DraftHistory {
    /** Records a run that starts now; returns its draft id. */
    String start(DraftSubject subject, LlmProvider provider, String model);

    /** Records how the run ended. */
    void finish(String draftId, DraftOutcome outcome);

    /** The earlier drafts of the subject's reports, oldest first. */
    List<EarlierDraft> earlier(DraftSubject subject);
}
