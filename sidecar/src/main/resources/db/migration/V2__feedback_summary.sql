-- Report counts per combination of the low-cardinality filter columns, kept up to date in the same
-- transactions that insert, review and delete reports. Stats and the list's total count read this table
-- (a few hundred rows) instead of scanning every report whenever the filters allow it.
CREATE TABLE feedback_summary (
    server_name TEXT NOT NULL,
    gap_type    TEXT NOT NULL,
    resolution  TEXT NOT NULL,
    client_type TEXT NOT NULL,
    client_name TEXT NOT NULL,
    reviewed    INTEGER NOT NULL,
    n           BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_feedback_summary
    ON feedback_summary (server_name, gap_type, resolution, client_type, client_name, reviewed);

INSERT INTO feedback_summary (server_name, gap_type, resolution, client_type, client_name, reviewed, n)
SELECT server_name, gap_type, resolution, client_type, client_name, reviewed, COUNT(*)
FROM feedback
GROUP BY server_name, gap_type, resolution, client_type, client_name, reviewed;
