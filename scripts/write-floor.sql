-- The write floor of a learner import (run by scripts/bench-import right after (b)): how long
-- the server takes to write the rows (b) wrote, and nothing else. For each table a learner
-- import writes, an empty copy with the same columns, defaults, checks (the domains' too) and
-- indexes (LIKE ... INCLUDING ALL) receives the table's rows in their stored order, which is the
-- order hocai wrote them in. No file is read, no row is checked against the register, no
-- reference is checked (LIKE copies no triggers), no summary is computed: any import that keeps
-- these tables, keys and checks costs at least this much. Everything is rolled back.
--
-- Prints one line per table: table|rows|seconds.
BEGIN;
SET LOCAL synchronous_commit = off;
CREATE TEMP TABLE write_floor (written text, row_count bigint, seconds numeric) ON COMMIT DROP;
DO $$
DECLARE
    hot text;
    started timestamptz;
    n bigint;
BEGIN
    FOREACH hot IN ARRAY ARRAY['people', 'enrolments', 'participants', 'certificates', 'completions', 'report_events'] LOOP
        EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING ALL)', 'floor_' || hot, hot);
        started := clock_timestamp();
        EXECUTE format('INSERT INTO %I SELECT * FROM %I', 'floor_' || hot, hot);
        GET DIAGNOSTICS n = ROW_COUNT;
        INSERT INTO write_floor VALUES (hot, n, extract(epoch FROM clock_timestamp() - started));
    END LOOP;
END
$$;
SELECT written, row_count, round(seconds, 3) FROM write_floor;
ROLLBACK;
