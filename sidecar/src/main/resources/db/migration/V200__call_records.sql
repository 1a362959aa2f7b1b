-- Call records sent by the proxy in batches, and the hourly rollup the Tools page reads. Owned by the calls
-- package. Plain SQL that SQLite and PostgreSQL both accept; times are fixed-width ISO-8601 UTC text.

-- One row per accepted batch: a retried batch_id is recognised and not counted twice.
CREATE TABLE call_batches (
    batch_id      TEXT PRIMARY KEY,
    server_name   TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    records       INTEGER NOT NULL,
    dropped_calls BIGINT NOT NULL DEFAULT 0
);

-- Every call as recorded: sizes and outcome, never argument or result values unless the sender opted in
-- (redacted_values, masked before it is stored).
CREATE TABLE calls (
    batch_id         TEXT NOT NULL,
    seq              INTEGER NOT NULL,
    server_name      TEXT NOT NULL,
    method           TEXT NOT NULL,
    tool             TEXT NOT NULL DEFAULT '',
    client_name      TEXT NOT NULL DEFAULT '',
    client_version   TEXT NOT NULL DEFAULT '',
    session_id       TEXT NOT NULL DEFAULT '',
    protocol_version TEXT NOT NULL DEFAULT '',
    started_at       TEXT NOT NULL,
    latency_ms       DOUBLE PRECISION NOT NULL,
    outcome          TEXT NOT NULL,
    error_code       INTEGER,
    error_message    TEXT NOT NULL DEFAULT '',
    arguments_bytes  BIGINT NOT NULL DEFAULT 0,
    result_bytes     BIGINT NOT NULL DEFAULT 0,
    redacted_values  TEXT,
    PRIMARY KEY (batch_id, seq)
);
CREATE INDEX idx_calls_session ON calls (server_name, session_id, started_at);
CREATE INDEX idx_calls_started ON calls (started_at);

-- Per server, method, tool, client and hour: counts and a latency histogram (fixed bucket bounds, see
-- LatencyHistogram), maintained in the same transaction as the calls, so a figure never needs the raw rows.
CREATE TABLE call_hours (
    server_name    TEXT NOT NULL,
    method         TEXT NOT NULL,
    tool           TEXT NOT NULL,
    client_name    TEXT NOT NULL,
    hour           TEXT NOT NULL,
    calls          BIGINT NOT NULL,
    errors         BIGINT NOT NULL,
    last_called_at TEXT NOT NULL,
    b00 BIGINT NOT NULL DEFAULT 0, b01 BIGINT NOT NULL DEFAULT 0, b02 BIGINT NOT NULL DEFAULT 0,
    b03 BIGINT NOT NULL DEFAULT 0, b04 BIGINT NOT NULL DEFAULT 0, b05 BIGINT NOT NULL DEFAULT 0,
    b06 BIGINT NOT NULL DEFAULT 0, b07 BIGINT NOT NULL DEFAULT 0, b08 BIGINT NOT NULL DEFAULT 0,
    b09 BIGINT NOT NULL DEFAULT 0, b10 BIGINT NOT NULL DEFAULT 0, b11 BIGINT NOT NULL DEFAULT 0,
    b12 BIGINT NOT NULL DEFAULT 0, b13 BIGINT NOT NULL DEFAULT 0, b14 BIGINT NOT NULL DEFAULT 0,
    b15 BIGINT NOT NULL DEFAULT 0, b16 BIGINT NOT NULL DEFAULT 0, b17 BIGINT NOT NULL DEFAULT 0,
    b18 BIGINT NOT NULL DEFAULT 0, b19 BIGINT NOT NULL DEFAULT 0, b20 BIGINT NOT NULL DEFAULT 0,
    b21 BIGINT NOT NULL DEFAULT 0, b22 BIGINT NOT NULL DEFAULT 0, b23 BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (server_name, method, tool, client_name, hour)
);
CREATE INDEX idx_call_hours_server_hour ON call_hours (server_name, hour);

-- The tools a server last advertised in tools/list, so tools never called still show with zero calls.
CREATE TABLE advertised_tools (
    server_name TEXT NOT NULL,
    tool        TEXT NOT NULL,
    seen_at     TEXT NOT NULL,
    PRIMARY KEY (server_name, tool)
);
