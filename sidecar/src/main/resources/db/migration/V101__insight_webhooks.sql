-- Gap intelligence (issue 8): webhooks and their delivery log. Owned by the webhooks package.

CREATE TABLE insight_webhooks (
    id          TEXT PRIMARY KEY,
    url         TEXT NOT NULL,
    secret      TEXT NOT NULL DEFAULT '',
    format      TEXT NOT NULL DEFAULT 'json',
    events      TEXT NOT NULL,
    server_name TEXT NOT NULL DEFAULT '',
    thresholds  TEXT NOT NULL DEFAULT '{}',
    enabled     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL
);

-- Every delivery attempt, newest last.
CREATE TABLE insight_webhook_deliveries (
    id          TEXT PRIMARY KEY,
    delivery_id TEXT NOT NULL,
    webhook_id  TEXT NOT NULL,
    event       TEXT NOT NULL,
    attempt     INTEGER NOT NULL,
    status_code INTEGER NOT NULL,
    ok          INTEGER NOT NULL,
    error       TEXT NOT NULL DEFAULT '',
    timestamp   TEXT NOT NULL
);
CREATE INDEX idx_insight_webhook_deliveries ON insight_webhook_deliveries (webhook_id, timestamp);

-- Thresholds already announced, so each fires once per webhook and cluster.
CREATE TABLE insight_webhook_crossings (
    webhook_id TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    name       TEXT NOT NULL,
    crossed_at TEXT NOT NULL,
    PRIMARY KEY (webhook_id, cluster_id, name)
);
