-- Gap intelligence (issue 8): report embeddings and clusters. Owned by the insight package.
-- Plain SQL that SQLite and PostgreSQL both accept; times are Timestamps text (fixed width, UTC).

-- One row per cluster of similar reports of one server. centroid is the base64 of the float64 sum of its
-- members' unit vectors (size of them), so members can be added and removed exactly.
CREATE TABLE insight_clusters (
    id                TEXT PRIMARY KEY,
    server_name       TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'open',
    title             TEXT NOT NULL DEFAULT '',
    title_feedback_id TEXT NOT NULL DEFAULT '',
    centroid          TEXT NOT NULL,
    size              INTEGER NOT NULL DEFAULT 0,
    resolved_pr_url   TEXT NOT NULL DEFAULT '',
    resolved_at       TEXT,
    reopened_at       TEXT,
    reopened_by       TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX idx_insight_clusters_server ON insight_clusters (server_name, status);

-- One row per embedded report: its vector (base64 float32, unit length), the model that made it, and the
-- cluster it belongs to. No foreign key to feedback: a deleted report's row is ignored by every join and
-- removed by the next re-cluster.
CREATE TABLE insight_reports (
    feedback_id TEXT PRIMARY KEY,
    cluster_id  TEXT NOT NULL,
    model       TEXT NOT NULL,
    vector      TEXT NOT NULL,
    similarity  REAL NOT NULL,
    assigned_at TEXT NOT NULL
);
CREATE INDEX idx_insight_reports_cluster ON insight_reports (cluster_id);

-- A cluster's history: created, merged, moved, resolved, reopened, auto_draft.
CREATE TABLE insight_cluster_events (
    id         TEXT PRIMARY KEY,
    cluster_id TEXT NOT NULL,
    timestamp  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_insight_cluster_events ON insight_cluster_events (cluster_id, timestamp);
