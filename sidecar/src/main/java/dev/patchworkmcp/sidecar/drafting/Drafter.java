package dev.patchworkmcp.sidecar.drafting;

import dev.patchworkmcp.sidecar.drafting.context.ContextSelector;
import dev.patchworkmcp.sidecar.drafting.context.DraftContext;
import dev.patchworkmcp.sidecar.drafting.context.FileScorer;
import dev.patchworkmcp.sidecar.drafting.guard.Guardrails;
import dev.patchworkmcp.sidecar.drafting.guard.ReviewerPermissions;
import dev.patchworkmcp.sidecar.drafting.model.DraftAnswer;
import dev.patchworkmcp.sidecar.drafting.model.DraftPrompt;
import dev.patchworkmcp.sidecar.drafting.model.ModelReply;
import dev.patchworkmcp.sidecar.drafting.repository.ChangedFile;
import dev.patchworkmcp.sidecar.drafting.repository.Proposal;
import dev.patchworkmcp.sidecar.drafting.repository.Publication;
import dev.patchworkmcp.sidecar.drafting.repository.RepoSnapshot;
import dev.patchworkmcp.sidecar.github.GitHubException;
import dev.patchworkmcp.sidecar.localgit.LocalGitException;
import java.util.List;
import java.util.UUID;

/**
 * Runs one draft: lists the repository, chooses the context, asks the model, checks the answer against the
 * guardrails, then publishes it on a new branch. Reports progress as it goes and never throws: every ending is a
 * {@link DraftOutcome}. Independent of where the reports came from (one report or a cluster). Thread-safe.
 */
public final class Drafter {
    private static final System.Logger LOG = System.getLogger(Drafter.class.getName());

    private final DraftPlan plan;

    public Drafter(DraftPlan plan) {
        this.plan = plan;
    }

    public DraftOutcome draft(DraftSubject subject, List<EarlierDraft> earlier, DraftProgress progress) {
        ModelReply reply = null;
        try {
            progress.step("Fetching file tree from " + plan.target().describe() + "...");
            RepoSnapshot snapshot = plan.target().snapshot(FileScorer::descend);
            progress.step("Found " + snapshot.files().size() + " files in "
                    + plan.target().describe() + " (" + snapshot.baseBranch() + " at "
                    + abbreviate(snapshot.baseCommit()) + ")");
            if (snapshot.walkedSubtrees()) {
                progress.detail("  the listing was truncated by GitHub, so subtrees were listed one by one"
                        + (snapshot.incomplete() ? "; some directories are still missing" : ""));
            }
            DraftContext context =
                    new ContextSelector(plan.budget()).select(subject, snapshot, plan.target()::read, progress);
            if (!subject.notes().isEmpty()) {
                progress.step("Including " + subject.notes().size() + " reviewer note(s) for context");
            }
            progress.step("Calling " + plan.modelLabel() + " with structured output...");
            reply = plan.model().propose(DraftPrompt.of(subject, context));
            progress.detail("  " + reply.inputTokens() + " input tokens, " + reply.outputTokens() + " output tokens");
            progress.step("Validating response...");
            DraftAnswer answer = reply.answer();
            List<ChangedFile> files =
                    new Guardrails(plan.limits()).apply(answer, context, ReviewerPermissions.from(subject.notes()));
            progress.step("LLM suggests: " + summary(files));
            Proposal proposal = new Proposal(
                    files,
                    PullRequestText.commitMessage(answer, subject),
                    PullRequestText.title(answer),
                    PullRequestText.body(answer, subject, earlier, plan.modelLabel()));
            Publication publication =
                    plan.target().publish(snapshot, proposal, new BranchNames(subject, plan.clock()), progress);
            return new DraftOutcome.Drafted(publication, reply.inputTokens(), reply.outputTokens());
        } catch (DraftRefusedException e) {
            return new DraftOutcome.Declined(e.getMessage(), tokensIn(reply), tokensOut(reply));
        } catch (DraftException e) {
            return new DraftOutcome.Failed(e.getMessage(), tokensIn(reply), tokensOut(reply));
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!isExpected(e)) {
                String incident = UUID.randomUUID().toString();
                LOG.log(System.Logger.Level.ERROR, "draft failed, incident " + incident, e);
                message = "Unexpected error (incident " + incident + "): " + message;
            }
            return new DraftOutcome.Failed(message, tokensIn(reply), tokensOut(reply));
        }
    }

    private static boolean isExpected(RuntimeException e) {
        return e instanceof GitHubException || e instanceof LocalGitException;
    }

    private static String summary(List<ChangedFile> files) {
        return String.join(
                ", ",
                files.stream()
                        .map(f -> (f.deleted() ? "delete " : "write ") + f.path())
                        .toList());
    }

    private static String abbreviate(String sha) {
        return sha == null || sha.length() < 8 ? String.valueOf(sha) : sha.substring(0, 8);
    }

    private static long tokensIn(ModelReply reply) {
        return reply == null ? 0 : reply.inputTokens();
    }

    private static long tokensOut(ModelReply reply) {
        return reply == null ? 0 : reply.outputTokens();
    }
}
