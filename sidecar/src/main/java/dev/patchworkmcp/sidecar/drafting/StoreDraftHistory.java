package dev.patchworkmcp.sidecar.drafting;

import dev.patchworkmcp.sidecar.drafting.model.LlmProvider;
import dev.patchworkmcp.sidecar.drafting.repository.Publication;
import dev.patchworkmcp.sidecar.feedback.DraftRecord;
import dev.patchworkmcp.sidecar.feedback.DraftResult;
import dev.patchworkmcp.sidecar.feedback.DraftRunningException;
import dev.patchworkmcp.sidecar.feedback.DraftStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The draft history kept in the database's drafts table ({@link DraftStore}). Thread-safe. */
public final class StoreDraftHistory implements DraftHistory {
    private final DraftStore drafts;

    public StoreDraftHistory(DraftStore drafts) {
        this.drafts = drafts;
    }

    @Override
    public Entry start(DraftSubject subject, LlmProvider provider, String model) {
        List<String> ids = new ArrayList<>();
        for (String reportId : subject.reportIds()) {
            try {
                ids.add(drafts.start(reportId, provider.id(), model).id());
            } catch (DraftRunningException e) {
                ids.forEach(id -> drafts.fail(id, "Abandoned: a draft of report " + reportId + " was running.", 0, 0));
                throw e;
            }
        }
        return new Entry(ids);
    }

    @Override
    public void finish(Entry entry, DraftOutcome outcome) {
        for (String id : entry.draftIds()) {
            switch (outcome) {
                case DraftOutcome.Drafted drafted -> drafts.succeed(id, result(drafted));
                case DraftOutcome.Declined declined ->
                    drafts.fail(id, declined.reason(), declined.inputTokens(), declined.outputTokens());
                case DraftOutcome.Failed failed ->
                    drafts.fail(id, failed.reason(), failed.inputTokens(), failed.outputTokens());
            }
        }
    }

    private static DraftResult result(DraftOutcome.Drafted drafted) {
        String url = switch (drafted.publication()) {
            case Publication.PullRequest pull -> pull.url();
            case Publication.LocalCommit local -> "";
        };
        return new DraftResult(
                url,
                drafted.publication().branch(),
                drafted.publication().commit(),
                drafted.inputTokens(),
                drafted.outputTokens());
    }

    @Override
    public List<EarlierDraft> earlier(DraftSubject subject) {
        return subject.reportIds().stream()
                .flatMap(id -> drafts.list(id).stream())
                .sorted(Comparator.comparing(DraftRecord::createdAt))
                .map(r -> new EarlierDraft(r.id(), r.prUrl(), r.branch(), r.status(), r.createdAt()))
                .toList();
    }
}
