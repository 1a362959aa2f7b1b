-- Text search (`q`) on SQLite: an FTS5 index with the trigram tokenizer over the five searched columns, so a
-- case-insensitive substring of 3 or more characters is found through the index instead of a scan of every
-- report. External content: the text lives only in feedback. columnsize=0: no ranking, so no per-row sizes.
--
-- New reports are added by the sidecar's background indexer (TextIndex) in chunks while ingest is quiet, not
-- by an insert trigger: indexing costs about as much CPU as storing the report, and a burst of reports is
-- stored at full speed this way. feedback_fts_progress.indexed_up_to is the highest rowid indexed: every
-- report up to it is in the index and none above it, and searches scan the few reports above it directly.
-- Deleting or editing an indexed report updates the index in the same transaction (triggers below).
-- The index is keyed by feedback's rowid: after a manual VACUUM (which may renumber rowids) run
--   INSERT INTO feedback_fts(feedback_fts) VALUES ('rebuild');
--   UPDATE feedback_fts_progress SET indexed_up_to = COALESCE((SELECT MAX(rowid) FROM feedback), 0);
CREATE VIRTUAL TABLE feedback_fts USING fts5(
    what_i_needed,
    what_i_tried,
    suggestion,
    user_goal,
    server_name,
    content = 'feedback',
    columnsize = 0,
    tokenize = 'trigram'
);

CREATE TABLE feedback_fts_progress (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_up_to INTEGER NOT NULL
);

-- Index the reports stored before this migration.
INSERT INTO feedback_fts (feedback_fts) VALUES ('rebuild');
INSERT INTO feedback_fts_progress (id, indexed_up_to) VALUES (1, COALESCE((SELECT MAX(rowid) FROM feedback), 0));

-- A new report takes rowid MAX(rowid) + 1. When the highest indexed report goes, indexed_up_to comes down to
-- the highest rowid left, so that a new report can never get a rowid at or below it and be missed.
CREATE TRIGGER feedback_fts_delete AFTER DELETE ON feedback
WHEN old.rowid <= (SELECT indexed_up_to FROM feedback_fts_progress) BEGIN
    INSERT INTO feedback_fts (feedback_fts, rowid, what_i_needed, what_i_tried, suggestion, user_goal, server_name)
    VALUES ('delete', old.rowid, old.what_i_needed, old.what_i_tried, old.suggestion, old.user_goal, old.server_name);
    UPDATE feedback_fts_progress
    SET indexed_up_to = MIN(indexed_up_to, COALESCE((SELECT MAX(rowid) FROM feedback), 0));
END;

CREATE TRIGGER feedback_fts_update
AFTER UPDATE OF what_i_needed, what_i_tried, suggestion, user_goal, server_name ON feedback
WHEN old.rowid <= (SELECT indexed_up_to FROM feedback_fts_progress) BEGIN
    INSERT INTO feedback_fts (feedback_fts, rowid, what_i_needed, what_i_tried, suggestion, user_goal, server_name)
    VALUES ('delete', old.rowid, old.what_i_needed, old.what_i_tried, old.suggestion, old.user_goal, old.server_name);
    INSERT INTO feedback_fts (rowid, what_i_needed, what_i_tried, suggestion, user_goal, server_name)
    VALUES (new.rowid, new.what_i_needed, new.what_i_tried, new.suggestion, new.user_goal, new.server_name);
END;
