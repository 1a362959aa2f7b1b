package dev.patchworkmcp.sidecar.feedback;

import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.Rows;
import dev.patchworkmcp.sidecar.db.Timestamps;
import dev.patchworkmcp.sidecar.http.ApiException;
import io.helidon.dbclient.DbRow;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The history of drafted pull requests. The drafting flow calls {@link #start}, then exactly one of
 * {@link #succeed} or {@link #fail}. At most one draft per report runs at a time, across every sidecar sharing
 * the database (a partial unique index backs the check). A success also sets the report's {@code pr_url}.
 * A draft still "running" {@link #ABANDONED_AFTER} after it started was left behind by a sidecar that stopped
 * mid-run: it no longer blocks a new draft and is marked failed when the next one starts. Thread-safe.
 */
public final class DraftStore {
    private static final String COLUMNS = "id, feedback_id, status, pr_url, branch, commit_sha, provider, model,"
            + " input_tokens, output_tokens, error, created_at, finished_at";

    /** Far longer than any draft runs (the model call times out after minutes), short enough to unblock. */
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);

    private static final String ABANDONED =
            "Abandoned: the sidecar running this draft stopped before it finished. Draft again.";

    private final Database database;
    private final Clock clock;

    public DraftStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Records a draft as running.
     *
     * @throws ApiException 404 when the report does not exist
     * @throws DraftRunningException when a draft of the report is already running
     */
    public DraftRecord start(String feedbackId, String provider, String model) {
        DraftRecord draft = new DraftRecord(
                UUID.randomUUID().toString(),
                feedbackId,
                DraftRecord.RUNNING,
                "",
                "",
                "",
                provider,
                model,
                0,
                0,
                "",
                Timestamps.now(clock),
                null);
        try {
            return database.transaction(tx -> {
                if (tx.get("SELECT id FROM feedback WHERE id = ?", feedbackId).isEmpty()) {
                    throw ApiException.notFound("Report", feedbackId);
                }
                tx.update(
                        "UPDATE drafts SET status = ?, error = ?, finished_at = ?"
                                + " WHERE feedback_id = ? AND status = ? AND created_at < ?",
                        DraftRecord.FAILED,
                        ABANDONED,
                        draft.createdAt(),
                        feedbackId,
                        DraftRecord.RUNNING,
                        abandonedBefore());
                if (tx.get(
                                "SELECT id FROM drafts WHERE feedback_id = ? AND status = ?",
                                feedbackId,
                                DraftRecord.RUNNING)
                        .isPresent()) {
                    throw new DraftRunningException(feedbackId);
                }
                tx.insert(
                        "INSERT INTO drafts (id, feedback_id, status, provider, model, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                        draft.id(),
                        feedbackId,
                        DraftRecord.RUNNING,
                        provider,
                        model,
                        draft.createdAt());
                return draft;
            });
        } catch (ApiException | DraftRunningException e) {
            throw e;
        } catch (RuntimeException e) {
            if (running(feedbackId)) {
                throw new DraftRunningException(feedbackId); // another replica won the race
            }
            throw e;
        }
    }

    /** Marks a draft done and makes its PR URL the report's latest. */
    public void succeed(String draftId, DraftResult result) {
        database.transaction(tx -> {
            tx.update(
                    "UPDATE drafts SET status = ?, pr_url = ?, branch = ?, commit_sha = ?, input_tokens = ?,"
                            + " output_tokens = ?, finished_at = ? WHERE id = ?",
                    DraftRecord.SUCCEEDED,
                    result.prUrl(),
                    result.branch(),
                    result.commitSha(),
                    result.inputTokens(),
                    result.outputTokens(),
                    Timestamps.now(clock),
                    draftId);
            if (!result.prUrl().isEmpty()) {
                tx.update(
                        "UPDATE feedback SET pr_url = ? WHERE id = (SELECT feedback_id FROM drafts WHERE id = ?)",
                        result.prUrl(),
                        draftId);
            }
            return null;
        });
    }

    /** Marks a draft failed with a message fit to show a reviewer (no secrets). */
    public void fail(String draftId, String error, long inputTokens, long outputTokens) {
        database.write(db -> db.update(
                "UPDATE drafts SET status = ?, error = ?, input_tokens = ?, output_tokens = ?, finished_at = ? WHERE id = ?",
                DraftRecord.FAILED,
                error,
                inputTokens,
                outputTokens,
                Timestamps.now(clock),
                draftId));
    }

    /** Every draft of a report, oldest first. */
    public List<DraftRecord> list(String feedbackId) {
        return database.read(db -> {
            try (Stream<DbRow> rows = db.query(
                    "SELECT " + COLUMNS + " FROM drafts WHERE feedback_id = ? ORDER BY created_at, id", feedbackId)) {
                return rows.map(DraftStore::fromRow).toList();
            }
        });
    }

    /** True when a draft of the report is running (and not abandoned). */
    public boolean running(String feedbackId) {
        return database.read(db -> db.get(
                        "SELECT id FROM drafts WHERE feedback_id = ? AND status = ? AND created_at >= ?",
                        feedbackId,
                        DraftRecord.RUNNING,
                        abandonedBefore())
                .isPresent());
    }

    private String abandonedBefore() {
        return Timestamps.format(clock.instant().minus(ABANDONED_AFTER));
    }

    private static DraftRecord fromRow(DbRow row) {
        return new DraftRecord(
                Rows.text(row, "id"),
                Rows.text(row, "feedback_id"),
                Rows.text(row, "status"),
                Rows.text(row, "pr_url"),
                Rows.text(row, "branch"),
                Rows.text(row, "commit_sha"),
                Rows.text(row, "provider"),
                Rows.text(row, "model"),
                Rows.number(row, "input_tokens"),
                Rows.number(row, "output_tokens"),
                Rows.text(row, "error"),
                Rows.text(row, "created_at"),
                Rows.nullableText(row, "finished_at"));
    }
}
