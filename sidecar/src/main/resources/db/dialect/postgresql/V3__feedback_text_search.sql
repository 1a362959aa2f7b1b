-- Text search (`q`) on PostgreSQL: trigram GIN indexes (pg_trgm) on LOWER() of each searched column, which is
-- exactly the expression the query compares with LIKE, so a substring of 3 or more characters is found through
-- the indexes (a BitmapOr over the five) instead of a scan of every report. Creating them indexes the reports
-- already stored.
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension, so a database owner may create it. Where
-- it is not available or not allowed, the migration still succeeds: search keeps working by a scan, and a
-- warning says how to add the indexes later (an administrator runs CREATE EXTENSION pg_trgm and the statements
-- below).
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'pg_trgm could not be created (%): text search will scan every report. Have an administrator run CREATE EXTENSION pg_trgm, then the CREATE INDEX statements of migration V3__feedback_text_search.', SQLERRM;
END
$$;

DO $$
DECLARE
    text_column TEXT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        RETURN;
    END IF;
    FOREACH text_column IN ARRAY ARRAY['what_i_needed', 'what_i_tried', 'suggestion', 'user_goal', 'server_name'] LOOP
        EXECUTE format(
            'CREATE INDEX IF NOT EXISTS %I ON feedback USING gin (LOWER(%I) gin_trgm_ops)',
            'idx_feedback_trgm_' || text_column,
            text_column);
    END LOOP;
END
$$;
