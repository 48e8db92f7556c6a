-- References of the hot tables checked once per statement, not once per row.
--
-- A FOREIGN KEY runs a trigger for every inserted row: a lookup and a row lock in the parent
-- (measured about 4 µs a row and reference; a learner row with a pass has eight references,
-- docs/benchmarks.md). The tables an import writes by the hundred thousand (enrolments,
-- certificates, completions) keep the same references, enforced by the database for every
-- client, but checked by one anti-join of each statement's new rows against the parent.
--
-- A FOREIGN KEY also locks the parent row so a concurrent transaction cannot delete it under a
-- new child. Here the parents cannot be deleted, truncated or re-keyed at all: a person, a
-- class, a centre, an enrolment or a certificate, once recorded, is kept for ever (certificates
-- are revoked, not deleted), so a row the check found stays found. The cold tables (classes,
-- revocations, import batches) keep ordinary foreign keys.

-- Raised for a statement whose new rows name a parent row that does not exist. Arguments:
-- constraint name, child columns, parent table, parent columns (columns comma-separated, in
-- order). As with MATCH SIMPLE, a row with a NULL in the child columns is not checked. The
-- message names the constraint and counts the rows; it quotes no data.
CREATE FUNCTION check_references() RETURNS trigger LANGUAGE plpgsql AS $$
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
    EXECUTE format('SELECT count(*) FROM new_rows n WHERE %s AND NOT EXISTS (SELECT 1 FROM %s p WHERE %s)',
                   not_null, TG_ARGV[2]::regclass, matches)
    INTO missing;
    IF missing > 0 THEN
        RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', TG_TABLE_NAME, TG_ARGV[0]
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[0], TABLE = TG_TABLE_NAME,
                  DETAIL = format('%s row(s) name a missing row of %s.', missing, TG_ARGV[2]);
    END IF;
    RETURN NULL;
END
$$;

ALTER TABLE enrolments
    DROP CONSTRAINT enrolments_class_id_fkey,
    DROP CONSTRAINT enrolments_national_id_fkey;
ALTER TABLE certificates
    DROP CONSTRAINT certificates_national_id_fkey,
    DROP CONSTRAINT certificates_issued_by_fkey,
    DROP CONSTRAINT certificates_class_id_fkey,
    DROP CONSTRAINT certificates_center_code_fkey;
ALTER TABLE completions
    DROP CONSTRAINT completions_issued_by_fkey,
    DROP CONSTRAINT completions_certificate_code_fkey,
    DROP CONSTRAINT completions_class_id_national_id_fkey;

-- Each reference twice: after INSERT and after UPDATE (a trigger with transition tables serves
-- one event).
CREATE TRIGGER enrolments_class_fkey_insert AFTER INSERT ON enrolments REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('enrolments_class_id_fkey', 'class_id', 'classes', 'id');
CREATE TRIGGER enrolments_class_fkey_update AFTER UPDATE ON enrolments REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('enrolments_class_id_fkey', 'class_id', 'classes', 'id');
CREATE TRIGGER enrolments_person_fkey_insert AFTER INSERT ON enrolments REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('enrolments_national_id_fkey', 'national_id', 'people', 'national_id');
CREATE TRIGGER enrolments_person_fkey_update AFTER UPDATE ON enrolments REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('enrolments_national_id_fkey', 'national_id', 'people', 'national_id');

CREATE TRIGGER certificates_person_fkey_insert AFTER INSERT ON certificates REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('certificates_national_id_fkey', 'national_id', 'people', 'national_id');
CREATE TRIGGER certificates_person_fkey_update AFTER UPDATE ON certificates REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('certificates_national_id_fkey', 'national_id', 'people', 'national_id');
CREATE TRIGGER certificates_issuer_fkey_insert AFTER INSERT ON certificates REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('certificates_issued_by_fkey', 'issued_by', 'people', 'national_id');
CREATE TRIGGER certificates_issuer_fkey_update AFTER UPDATE ON certificates REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('certificates_issued_by_fkey', 'issued_by', 'people', 'national_id');
CREATE TRIGGER certificates_class_fkey_insert AFTER INSERT ON certificates REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('certificates_class_id_fkey', 'class_id', 'classes', 'id');
CREATE TRIGGER certificates_class_fkey_update AFTER UPDATE ON certificates REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('certificates_class_id_fkey', 'class_id', 'classes', 'id');
CREATE TRIGGER certificates_center_fkey_insert AFTER INSERT ON certificates REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('certificates_center_code_fkey', 'center_code', 'training_centers', 'code');
CREATE TRIGGER certificates_center_fkey_update AFTER UPDATE ON certificates REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('certificates_center_code_fkey', 'center_code', 'training_centers', 'code');

CREATE TRIGGER completions_issuer_fkey_insert AFTER INSERT ON completions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('completions_issued_by_fkey', 'issued_by', 'people', 'national_id');
CREATE TRIGGER completions_issuer_fkey_update AFTER UPDATE ON completions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('completions_issued_by_fkey', 'issued_by', 'people', 'national_id');
CREATE TRIGGER completions_certificate_fkey_insert AFTER INSERT ON completions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('completions_certificate_code_fkey', 'certificate_code', 'certificates', 'code');
CREATE TRIGGER completions_certificate_fkey_update AFTER UPDATE ON completions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('completions_certificate_code_fkey', 'certificate_code', 'certificates', 'code');
CREATE TRIGGER completions_enrolment_fkey_insert AFTER INSERT ON completions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('completions_class_id_national_id_fkey', 'class_id,national_id', 'enrolments', 'class_id,national_id');
CREATE TRIGGER completions_enrolment_fkey_update AFTER UPDATE ON completions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION check_references('completions_class_id_national_id_fkey', 'class_id,national_id', 'enrolments', 'class_id,national_id');

-- The parents are kept: no DELETE, no TRUNCATE (statement triggers, so they cost nothing per
-- row), and no change of a key (a row trigger that runs only when the key really changes).
CREATE TRIGGER people_kept BEFORE DELETE OR TRUNCATE ON people FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER people_key_kept BEFORE UPDATE OF national_id ON people FOR EACH ROW
    WHEN (OLD.national_id IS DISTINCT FROM NEW.national_id) EXECUTE FUNCTION refuse_change();
CREATE TRIGGER classes_kept BEFORE DELETE OR TRUNCATE ON classes FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER classes_key_kept BEFORE UPDATE OF id ON classes FOR EACH ROW
    WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION refuse_change();
CREATE TRIGGER training_centers_kept BEFORE DELETE OR TRUNCATE ON training_centers FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER training_centers_key_kept BEFORE UPDATE OF code ON training_centers FOR EACH ROW
    WHEN (OLD.code IS DISTINCT FROM NEW.code) EXECUTE FUNCTION refuse_change();
CREATE TRIGGER enrolments_kept BEFORE DELETE OR TRUNCATE ON enrolments FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER enrolments_key_kept BEFORE UPDATE OF class_id, national_id ON enrolments FOR EACH ROW
    WHEN ((OLD.class_id, OLD.national_id) IS DISTINCT FROM (NEW.class_id, NEW.national_id)) EXECUTE FUNCTION refuse_change();
CREATE TRIGGER certificates_kept BEFORE DELETE OR TRUNCATE ON certificates FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER certificates_key_kept BEFORE UPDATE OF code ON certificates FOR EACH ROW
    WHEN (OLD.code IS DISTINCT FROM NEW.code) EXECUTE FUNCTION refuse_change();
