-- Gap intelligence (issue 8): a reviewer's decisions that a re-cluster keeps. Owned by the insight package.
-- When a person merges two clusters, moves a report into a cluster or out on its own, or resolves a cluster, the
-- reports involved are pinned to a group named by the cluster id they were placed in. Live clustering keeps every
-- member of a group in the cluster with the group's id; a re-cluster rebuilds each group as that cluster (same id)
-- before it assigns the unpinned reports by similarity. Re-clustering never deletes pins.
CREATE TABLE insight_pins (
    feedback_id TEXT PRIMARY KEY,
    group_id    TEXT NOT NULL,
    reason      TEXT NOT NULL,
    pinned_at   TEXT NOT NULL
);
CREATE INDEX idx_insight_pins_group ON insight_pins (group_id);

-- Coordination of several sidecars on one database (PostgreSQL). One row: the clustering lease (only its holder
-- embeds and assigns new reports; it renews it, and another sidecar takes it over once it expires) and a generation
-- counter that every reviewer change bumps, so the sidecar that clusters knows to reload its in-memory centroids.
CREATE TABLE insight_coordination (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL DEFAULT '',
    expires_at TEXT NOT NULL DEFAULT '',
    generation BIGINT NOT NULL DEFAULT 0
);
INSERT INTO insight_coordination (name) VALUES ('clustering');
