-- Text search (`q`) on SQLite: an FTS5 index with the trigram tokenizer over the five searched columns, so a
-- case-insensitive substring of 3 or more characters is found through the index instead of a scan of every
-- report. External content: the text lives only in feedback; the index is kept in step by the triggers below,
-- in the same transaction as the change. columnsize=0: no ranking is done, so no per-row sizes are stored.
-- The index is keyed by feedback's rowid: after a manual VACUUM (which may renumber rowids) run
--   INSERT INTO feedback_fts(feedback_fts) VALUES ('rebuild');
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

CREATE TRIGGER feedback_fts_insert AFTER INSERT ON feedback BEGIN
    INSERT INTO feedback_fts (rowid, what_i_needed, what_i_tried, suggestion, user_goal, server_name)
    VALUES (new.rowid, new.what_i_needed, new.what_i_tried, new.suggestion, new.user_goal, new.server_name);
END;

CREATE TRIGGER feedback_fts_delete AFTER DELETE ON feedback BEGIN
    INSERT INTO feedback_fts (feedback_fts, rowid, what_i_needed, what_i_tried, suggestion, user_goal, server_name)
    VALUES ('delete', old.rowid, old.what_i_needed, old.what_i_tried, old.suggestion, old.user_goal, old.server_name);
END;

CREATE TRIGGER feedback_fts_update
AFTER UPDATE OF what_i_needed, what_i_tried, suggestion, user_goal, server_name ON feedback BEGIN
    INSERT INTO feedback_fts (feedback_fts, rowid, what_i_needed, what_i_tried, suggestion, user_goal, server_name)
    VALUES ('delete', old.rowid, old.what_i_needed, old.what_i_tried, old.suggestion, old.user_goal, old.server_name);
    INSERT INTO feedback_fts (rowid, what_i_needed, what_i_tried, suggestion, user_goal, server_name)
    VALUES (new.rowid, new.what_i_needed, new.what_i_tried, new.suggestion, new.user_goal, new.server_name);
END;

-- Index the reports stored before this migration.
INSERT INTO feedback_fts (feedback_fts) VALUES ('rebuild');
