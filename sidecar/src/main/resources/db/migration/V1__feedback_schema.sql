-- PatchworkMCP schema, version 1. Plain SQL that SQLite and PostgreSQL both accept.
-- Times are ISO-8601 UTC text of fixed width, so text order is time order on both databases.

CREATE TABLE feedback (
    id               TEXT PRIMARY KEY,
    server_name      TEXT NOT NULL,
    timestamp        TEXT NOT NULL,
    what_i_needed    TEXT NOT NULL,
    what_i_tried     TEXT NOT NULL,
    gap_type         TEXT NOT NULL,
    suggestion       TEXT NOT NULL DEFAULT '',
    user_goal        TEXT NOT NULL DEFAULT '',
    resolution       TEXT NOT NULL DEFAULT '',
    agent_model      TEXT NOT NULL DEFAULT '',
    tools_available  TEXT NOT NULL DEFAULT '[]',
    session_id       TEXT NOT NULL DEFAULT '',
    client_type      TEXT NOT NULL DEFAULT '',
    reviewed         INTEGER NOT NULL DEFAULT 0,
    pr_url           TEXT NOT NULL DEFAULT '',
    idempotency_key  TEXT UNIQUE,
    source           TEXT NOT NULL DEFAULT '',
    user_agent       TEXT NOT NULL DEFAULT '',
    client_name      TEXT NOT NULL DEFAULT '',
    client_version   TEXT NOT NULL DEFAULT '',
    protocol_version TEXT NOT NULL DEFAULT '',
    context          TEXT
);

-- Newest first, with id as the tie-break, for the unfiltered list and for since/until.
CREATE INDEX idx_feedback_timestamp ON feedback (timestamp, id);
-- One index per exact-match filter, ending in timestamp so a filtered page is read in order.
CREATE INDEX idx_feedback_server ON feedback (server_name, timestamp);
CREATE INDEX idx_feedback_gap_type ON feedback (gap_type, timestamp);
CREATE INDEX idx_feedback_resolution ON feedback (resolution, timestamp);
CREATE INDEX idx_feedback_session ON feedback (session_id, timestamp);
CREATE INDEX idx_feedback_client_type ON feedback (client_type, timestamp);
CREATE INDEX idx_feedback_agent_model ON feedback (agent_model, timestamp);
CREATE INDEX idx_feedback_reviewed ON feedback (reviewed, timestamp);
CREATE INDEX idx_feedback_client_name ON feedback (client_name, timestamp);

CREATE TABLE feedback_notes (
    id          TEXT PRIMARY KEY,
    feedback_id TEXT NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    timestamp   TEXT NOT NULL,
    content     TEXT NOT NULL
);
CREATE INDEX idx_notes_feedback_id ON feedback_notes (feedback_id, timestamp);

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Every pull request ever drafted for a report; feedback.pr_url mirrors the latest successful one.
CREATE TABLE drafts (
    id            TEXT PRIMARY KEY,
    feedback_id   TEXT NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    status        TEXT NOT NULL,
    pr_url        TEXT NOT NULL DEFAULT '',
    branch        TEXT NOT NULL DEFAULT '',
    commit_sha    TEXT NOT NULL DEFAULT '',
    provider      TEXT NOT NULL DEFAULT '',
    model         TEXT NOT NULL DEFAULT '',
    input_tokens  BIGINT NOT NULL DEFAULT 0,
    output_tokens BIGINT NOT NULL DEFAULT 0,
    error         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    finished_at   TEXT
);
CREATE INDEX idx_drafts_feedback_id ON drafts (feedback_id, created_at);
-- At most one running draft per report, enforced by the database for every replica.
CREATE UNIQUE INDEX ux_drafts_running ON drafts (feedback_id) WHERE status = 'running';
