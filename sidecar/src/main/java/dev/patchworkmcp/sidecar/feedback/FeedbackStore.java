package dev.patchworkmcp.sidecar.feedback;

import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.Rows;
import dev.patchworkmcp.sidecar.db.Timestamps;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Stores and reads reports and their notes. Thread-safe (state lives in the database). */
public final class FeedbackStore implements AutoCloseable {
    /** Rows fetched per round trip when streaming an export. */
    static final int EXPORT_BATCH = 500;

    private final Database database;
    private final Clock clock;
    private final GroupCommit groupCommit;
    private final TextIndex textIndex;

    public FeedbackStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.groupCommit = new GroupCommit(database);
        this.textIndex = TextIndex.of(database);
    }

    /** Starts the writer thread that stores reports and, on SQLite, the text indexer. Call once. */
    public void start() {
        groupCommit.start();
        textIndex.start();
    }

    /** Stops the writer thread after the queued reports are stored, and the text indexer. */
    @Override
    public void close() {
        groupCommit.close();
        textIndex.close();
    }

    /**
     * Adds every report not yet in SQLite's text index to it now, instead of when ingest is next quiet; returns
     * how many (0 on PostgreSQL, whose indexes are always current). Searches are correct either way.
     */
    public long indexText() {
        return textIndex.catchUp();
    }

    /** The outcome of an ingest: the report's id, and whether the idempotency key had been seen before. */
    public record Recorded(String id, String timestamp, boolean duplicate) {}

    /** A page of reports with the number of reports matching the filters. */
    public record Page(List<Feedback> items, long total) {}

    /** Stores a report, or finds the first one stored under the same idempotency key. */
    public Recorded record(FeedbackInput input) {
        String id = UUID.randomUUID().toString();
        String timestamp = Timestamps.now(clock);
        boolean inserted = groupCommit.insert(FeedbackRows.insertParams(id, timestamp, input), input);
        textIndex.ingested();
        if (inserted) {
            return new Recorded(id, timestamp, false);
        }
        return database.read(db -> db.get(
                                "SELECT id, timestamp FROM feedback WHERE idempotency_key = ?", input.idempotencyKey())
                        .map(row -> new Recorded(Rows.text(row, "id"), Rows.text(row, "timestamp"), true)))
                .orElseThrow(() -> new IllegalStateException(
                        "A report was neither inserted nor found under its idempotency key; it was deleted meanwhile"));
    }

    /**
     * One report with its notes, by its id or by the idempotency key it was sent with: that key is the reference
     * the feedback tool gives the agent. An id wins over a key that happens to be the same text.
     */
    public Optional<Feedback> find(String idOrReference) {
        return database.read(db -> db.get(
                        "SELECT " + FeedbackRows.SELECT_COLUMNS
                                + " FROM feedback WHERE id = ? OR idempotency_key = ?"
                                + " ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END LIMIT 1",
                        idOrReference,
                        idOrReference,
                        idOrReference)
                .map(FeedbackRows::fromRow)
                .map(feedback ->
                        feedback.withNotes(notes(db, List.of(feedback.id())).getOrDefault(feedback.id(), List.of()))));
    }

    /** A page of reports, newest first, with the total matching the filters. */
    public Page list(FeedbackQuery query) {
        return database.read(db -> {
            Where where = query.where(database.dialect(), query.textPath(db, database.dialect()));
            long total = count(db, where, query.summarised());
            List<Object> params = new ArrayList<>(where.params());
            params.add(query.limit());
            params.add(query.offset());
            List<Feedback> items = withNotes(
                    db, select(db, where.sql() + " ORDER BY timestamp DESC, id DESC LIMIT ? OFFSET ?", params));
            return new Page(items, total);
        });
    }

    /**
     * Streams every report matching the filters (the page window is ignored), newest first, in batches so no
     * connection is held while the consumer writes to a slow client.
     */
    public void forEach(FeedbackQuery query, Consumer<Feedback> consumer) {
        TextSearch.Path path = database.read(db -> query.textPath(db, database.dialect()));
        Where where = query.where(database.dialect(), path);
        if (path == TextSearch.Path.INDEX) {
            forEachIndexed(where, consumer);
            return;
        }
        String cursorTime = null;
        String cursorId = null;
        while (true) {
            List<Object> params = new ArrayList<>(where.params());
            String sql = where.sql();
            if (cursorTime != null) {
                sql += (sql.isEmpty() ? " WHERE " : " AND ") + "(timestamp < ? OR (timestamp = ? AND id < ?))";
                params.addAll(List.of(cursorTime, cursorTime, cursorId));
            }
            params.add(EXPORT_BATCH);
            String batchSql = sql + " ORDER BY timestamp DESC, id DESC LIMIT ?";
            List<Feedback> batch = database.read(db -> withNotes(db, select(db, batchSql, params)));
            batch.forEach(consumer);
            if (batch.size() < EXPORT_BATCH) {
                return;
            }
            Feedback last = batch.get(batch.size() - 1);
            cursorTime = last.timestamp();
            cursorId = last.id();
        }
    }

    /**
     * The export of an FTS5 search: the matching rowids, in order, are read once (8 bytes a report), then the
     * reports in batches by rowid. Paging with the cursor instead would evaluate the whole text search again for
     * every batch, which for a common word turns one pass into thousands.
     */
    private void forEachIndexed(Where where, Consumer<Feedback> consumer) {
        List<Long> rowids = database.read(db -> {
            try (Stream<DbRow> rows = db.query(
                    "SELECT rowid AS row_key FROM feedback" + where.sql() + " ORDER BY timestamp DESC, id DESC",
                    where.params().toArray())) {
                return rows.map(row -> Rows.number(row, "row_key")).toList();
            }
        });
        for (int from = 0; from < rowids.size(); from += EXPORT_BATCH) {
            List<Long> slice = rowids.subList(from, Math.min(rowids.size(), from + EXPORT_BATCH));
            String marks = String.join(", ", Collections.nCopies(slice.size(), "?"));
            List<Object> params = new ArrayList<>(slice);
            // A slice of the ordered rowids, so the same order sorts it; a report deleted meanwhile is skipped.
            List<Feedback> batch = database.read(db -> withNotes(
                    db, select(db, " WHERE rowid IN (" + marks + ") ORDER BY timestamp DESC, id DESC", params)));
            batch.forEach(consumer);
        }
    }

    /** Sets the reviewed flag; false when no such report exists. */
    public boolean markReviewed(String id, boolean reviewed) {
        int value = reviewed ? 1 : 0;
        return database.transaction(tx -> {
            SummaryTable.changed(tx, id, value);
            return tx.update("UPDATE feedback SET reviewed = ? WHERE id = ?", value, id) > 0;
        });
    }

    /** Deletes a report with its notes and drafts; false when no such report exists. */
    public boolean delete(String id) {
        return database.transaction(tx -> {
            SummaryTable.changed(tx, id, null);
            return tx.delete("DELETE FROM feedback WHERE id = ?", id) > 0;
        });
    }

    /** Appends a note; empty when no such report exists. */
    public Optional<Note> addNote(String feedbackId, String content) {
        Note note = new Note(UUID.randomUUID().toString(), feedbackId, Timestamps.now(clock), content);
        return database.transaction(tx -> {
            if (tx.get("SELECT id FROM feedback WHERE id = ?", feedbackId).isEmpty()) {
                return Optional.empty();
            }
            tx.insert(
                    "INSERT INTO feedback_notes (id, feedback_id, timestamp, content) VALUES (?, ?, ?, ?)",
                    note.id(),
                    note.feedbackId(),
                    note.timestamp(),
                    note.content());
            return Optional.of(note);
        });
    }

    /** The number of matching reports: from the summary table when the filters allow it, else counted. */
    private static long count(DbExecute db, Where where, boolean summarised) {
        String sql = summarised
                ? "SELECT COALESCE(SUM(n), 0) AS n FROM feedback_summary" + where.sql()
                : "SELECT COUNT(*) AS n FROM feedback" + where.sql();
        return db.get(sql, where.params().toArray())
                .map(row -> Rows.number(row, "n"))
                .orElse(0L);
    }

    private static List<Feedback> select(DbExecute db, String whereOrderLimit, List<Object> params) {
        try (Stream<DbRow> rows = db.query(
                "SELECT " + FeedbackRows.SELECT_COLUMNS + " FROM feedback" + whereOrderLimit, params.toArray())) {
            return rows.map(FeedbackRows::fromRow).toList();
        }
    }

    private static List<Feedback> withNotes(DbExecute db, List<Feedback> items) {
        if (items.isEmpty()) {
            return items;
        }
        Map<String, List<Note>> notes =
                notes(db, items.stream().map(Feedback::id).toList());
        if (notes.isEmpty()) {
            return items;
        }
        return items.stream()
                .map(item -> item.withNotes(notes.getOrDefault(item.id(), List.of())))
                .toList();
    }

    private static Map<String, List<Note>> notes(DbExecute db, List<String> feedbackIds) {
        String marks = String.join(", ", Collections.nCopies(feedbackIds.size(), "?"));
        Map<String, List<Note>> byFeedback = new LinkedHashMap<>();
        try (Stream<DbRow> rows = db.query(
                "SELECT id, feedback_id, timestamp, content FROM feedback_notes WHERE feedback_id IN (" + marks
                        + ") ORDER BY timestamp, id",
                feedbackIds.toArray())) {
            rows.forEach(row -> byFeedback
                    .computeIfAbsent(Rows.text(row, "feedback_id"), k -> new ArrayList<>())
                    .add(new Note(
                            Rows.text(row, "id"),
                            Rows.text(row, "feedback_id"),
                            Rows.text(row, "timestamp"),
                            Rows.text(row, "content"))));
        }
        return byFeedback;
    }
}
