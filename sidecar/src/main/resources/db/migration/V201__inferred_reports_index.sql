-- Reports inferred from call records, by session: an agent's own report looks here for the inferred ones it
-- supersedes. Partial, so ordinary reports (nearly all) neither pay for it on insert nor walk it on lookup.
CREATE INDEX idx_feedback_inferred ON feedback (session_id, server_name) WHERE source = 'inferred';
