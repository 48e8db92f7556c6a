-- An identity conflict is held for a decision, not settled by arrival order.
--
-- A roster row whose CCCD the register holds with another name or date of birth was rejected
-- before this: whichever centre's file came first became the person, and the other centre's
-- rows (a genuine pass among them) were returned. Now such a row is held with its batch
-- (`identity_holds`) until an administrator decides who the person is (`hocai conflicts`):
--   * the register's identity, or a held row's (the register is corrected; the old value is
--     kept in `people_identity_history`), and
--   * every held row of that person is then applied as that person's (a CCCD names one person,
--     however a centre spelled them), unless the administrator returns it to its centre as not
--     this person's (`returned`).
-- The spellings decided to be the person's are kept (`person_aliases`), so a roster sent again
-- with them is not held again. The same decision taken in any arrival order gives the same
-- register and the same figures.

-- A row held for a decision: what the row said, and the staged row itself, applied when decided.
CREATE TABLE identity_holds (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_id bigint NOT NULL REFERENCES import_batches (id),
    -- A results row is held with the learner row whose enrolment it needs (differs: enrolment).
    kind text NOT NULL CONSTRAINT identity_holds_kind CHECK (kind IN ('experts', 'instructors', 'learners', 'completions')),
    center_code text REFERENCES training_centers (code),
    line integer NOT NULL CONSTRAINT identity_holds_line CHECK (line > 1),
    national_id national_id NOT NULL REFERENCES people (national_id),
    full_name text NOT NULL,
    name_key text NOT NULL,
    date_of_birth date NOT NULL,
    -- What differs from the register when it was held: full_name, date_of_birth or both; for a
    -- results row, enrolment (its learner row is held; the name and birth date are that row's).
    differs text NOT NULL CONSTRAINT identity_holds_differs CHECK (differs IN ('full_name', 'date_of_birth', 'both', 'enrolment')),
    -- Why, where known: tone_only (the names differ only in tone marks: a spreadsheet's doing).
    cause text,
    -- The staged row (the import's stage columns, the CCCD and dates as text).
    row_data jsonb NOT NULL,
    -- The row's content without its line: an identical row sent again while one is open is held once.
    row_key text NOT NULL,
    held_at timestamptz NOT NULL DEFAULT now(),
    status text NOT NULL DEFAULT 'open' CONSTRAINT identity_holds_status CHECK (status IN ('open', 'applied', 'returned')),
    resolved_at timestamptz,
    resolved_by text,
    -- Applied: the batch that wrote it. Returned: why (identity.returned, or the rule that refused
    -- it when it was applied, e.g. class.other_center).
    applied_batch_id bigint REFERENCES import_batches (id),
    return_code text,
    CONSTRAINT identity_holds_resolution CHECK (
        (status = 'open' AND resolved_at IS NULL AND applied_batch_id IS NULL AND return_code IS NULL)
        OR (status = 'applied' AND resolved_at IS NOT NULL AND applied_batch_id IS NOT NULL AND return_code IS NULL)
        OR (status = 'returned' AND resolved_at IS NOT NULL AND applied_batch_id IS NULL AND return_code IS NOT NULL)),
    CONSTRAINT identity_holds_center CHECK ((kind = 'experts') = (center_code IS NULL)),
    CONSTRAINT identity_holds_enrolment CHECK ((kind = 'completions') = (differs = 'enrolment'))
);
COMMENT ON TABLE identity_holds IS 'A roster row held because its CCCD is registered with another name or date of birth, until an administrator decides (applied or returned to its centre).';

CREATE INDEX identity_holds_open ON identity_holds (national_id) WHERE status = 'open';
CREATE INDEX identity_holds_center ON identity_holds (center_code, status);
CREATE UNIQUE INDEX identity_holds_once ON identity_holds (kind, COALESCE(center_code, ''), row_key) WHERE status = 'open';

-- A hold is decided once; what it said never changes.
CREATE FUNCTION identity_holds_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'open' OR NEW.status = 'open'
       OR (NEW.id, NEW.batch_id, NEW.kind, NEW.center_code, NEW.line, NEW.national_id, NEW.full_name, NEW.name_key,
           NEW.date_of_birth, NEW.differs, NEW.cause, NEW.row_data, NEW.row_key, NEW.held_at)
          IS DISTINCT FROM
          (OLD.id, OLD.batch_id, OLD.kind, OLD.center_code, OLD.line, OLD.national_id, OLD.full_name, OLD.name_key,
           OLD.date_of_birth, OLD.differs, OLD.cause, OLD.row_data, OLD.row_key, OLD.held_at) THEN
        RAISE EXCEPTION 'identity_holds: a hold is decided once, and what it holds never changes'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER identity_holds_decided_once BEFORE UPDATE ON identity_holds
    FOR EACH ROW EXECUTE FUNCTION identity_holds_decided_once();
CREATE TRIGGER identity_holds_kept BEFORE DELETE ON identity_holds FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER identity_holds_no_truncate BEFORE TRUNCATE ON identity_holds FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- A person's name and date of birth as they were before a decision corrected them.
CREATE TABLE people_identity_history (
    national_id national_id NOT NULL REFERENCES people (national_id),
    full_name text NOT NULL,
    name_key text NOT NULL,
    date_of_birth date NOT NULL,
    replaced_at timestamptz NOT NULL DEFAULT now(),
    replaced_by text NOT NULL DEFAULT hocai_actor(),
    -- The held row whose identity replaced it.
    hold_id bigint NOT NULL REFERENCES identity_holds (id)
);
COMMENT ON TABLE people_identity_history IS 'A person''s former name and date of birth, replaced by an administrator''s decision on an identity conflict; append-only.';
CREATE INDEX people_identity_history_person ON people_identity_history (national_id);
CREATE TRIGGER people_identity_history_append_only BEFORE UPDATE OR DELETE ON people_identity_history
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER people_identity_history_no_truncate BEFORE TRUNCATE ON people_identity_history
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Other spellings an administrator decided are the person's: a row with one is the person's.
CREATE TABLE person_aliases (
    national_id national_id NOT NULL REFERENCES people (national_id),
    name_key text NOT NULL,
    date_of_birth date NOT NULL,
    decided_at timestamptz NOT NULL DEFAULT now(),
    decided_by text NOT NULL DEFAULT hocai_actor(),
    PRIMARY KEY (national_id, name_key, date_of_birth)
);
COMMENT ON TABLE person_aliases IS 'A name (matching key) and date of birth decided to be the person''s though the register spells them otherwise; rows with them are not held again.';
CREATE TRIGGER person_aliases_append_only BEFORE UPDATE OR DELETE ON person_aliases
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

ALTER TABLE import_batches ADD COLUMN held integer NOT NULL DEFAULT 0 CONSTRAINT import_batches_held_check CHECK (held >= 0);
ALTER TABLE import_batches DROP CONSTRAINT import_batches_counts;
ALTER TABLE import_batches ADD CONSTRAINT import_batches_counts CHECK (accepted + rejected + held <= rows_read);

-- The report says how many people have an open conflict: a cached report is stale when a hold
-- is written or decided.
CREATE TRIGGER identity_holds_version AFTER INSERT OR UPDATE ON identity_holds
    FOR EACH STATEMENT EXECUTE FUNCTION report_changed();

-- How many people have an open conflict: a count, for the report (officials read no person).
CREATE FUNCTION people_with_open_conflicts() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT count(DISTINCT national_id) FROM identity_holds WHERE status = 'open'
$$;
REVOKE EXECUTE ON FUNCTION people_with_open_conflicts() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION people_with_open_conflicts() TO hocai_official, hocai_admin;

-- Privileges: an import holds rows (its centre's) and reads the aliases; a centre reads its own
-- held rows; an administrator reads everything and decides.
-- An import updates a person's phone and commune only: who they are (name, date of birth) is
-- changed by an administrator's decision alone.
REVOKE UPDATE ON people FROM hocai_importer;
GRANT UPDATE (phone, commune_code, commune_as_of, commune_source, updated_at) ON people TO hocai_importer;
GRANT SELECT, INSERT ON identity_holds TO hocai_importer;
GRANT SELECT ON person_aliases TO hocai_importer;
GRANT SELECT ON identity_holds TO hocai_centre;
GRANT SELECT, INSERT, UPDATE ON identity_holds TO hocai_admin;
GRANT SELECT, INSERT ON people_identity_history, person_aliases TO hocai_admin;
GRANT USAGE ON SEQUENCE identity_holds_id_seq TO hocai_admin, hocai_importer;

ALTER TABLE identity_holds ENABLE ROW LEVEL SECURITY;
ALTER TABLE people_identity_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_aliases ENABLE ROW LEVEL SECURITY;
CREATE POLICY admin_all ON identity_holds TO hocai_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_all ON people_identity_history TO hocai_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_all ON person_aliases TO hocai_admin USING (true) WITH CHECK (true);
CREATE POLICY centre_own ON identity_holds FOR SELECT TO hocai_centre USING (center_code = hocai_scope_center());
CREATE POLICY importer_own ON identity_holds FOR SELECT TO hocai_importer USING (center_code = hocai_scope_center());
CREATE POLICY importer_own_insert ON identity_holds FOR INSERT TO hocai_importer
    WITH CHECK (center_code = hocai_scope_center() AND status = 'open');
CREATE POLICY importer_read ON person_aliases FOR SELECT TO hocai_importer USING (true);
