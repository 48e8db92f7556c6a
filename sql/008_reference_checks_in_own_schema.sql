-- The hot tables' reference checks (sql/004) look for the parent in the child's own schema.
--
-- sql/004 named the parent as TG_ARGV[2]::regclass, which follows the session's search_path,
-- where the session's temporary schema comes first. A temporary table named like a parent
-- (`people`, say) then stood in for it, and a row naming a missing person went in. The parent is
-- now qualified with the schema of the table the trigger fires on (the migrations create both in
-- one schema); the transition table new_rows is still found by its name, before any schema.

CREATE OR REPLACE FUNCTION check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    child text[] := string_to_array(TG_ARGV[1], ',');
    parent text[] := string_to_array(TG_ARGV[3], ',');
    not_null text;
    matches text;
    missing bigint;
BEGIN
    SELECT string_agg(format('n.%I IS NOT NULL', btrim(c)), ' AND '),
           string_agg(format('p.%I = n.%I', btrim(parent[i]), btrim(c)), ' AND ')
    INTO not_null, matches
    FROM unnest(child) WITH ORDINALITY AS u (c, i);
    EXECUTE format('SELECT count(*) FROM new_rows n WHERE %s AND NOT EXISTS (SELECT 1 FROM %I.%I p WHERE %s)',
                   not_null, TG_TABLE_SCHEMA, TG_ARGV[2], matches)
    INTO missing;
    IF missing > 0 THEN
        RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', TG_TABLE_NAME, TG_ARGV[0]
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[0], TABLE = TG_TABLE_NAME,
                  DETAIL = format('%s row(s) name a missing row of %s.', missing, TG_ARGV[2]);
    END IF;
    RETURN NULL;
END
$$;
