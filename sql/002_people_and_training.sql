-- People, training centres, classes, enrolments, certificates, completion records, revocations,
-- targets, import batches and the audit log.
--
-- Rules the data must keep are checks here, not only in Swift, so no client can bypass them.
-- The hot tables (people, enrolments, certificates, completions) take hundreds of thousands of
-- rows an import, and each foreign key there costs a trigger call per row (about 4 µs, measured:
-- docs/benchmarks.md) and each index an insertion. They keep the references the data needs
-- (person, class, enrolment, issuer, certificate) and the keys the rules need; provenance
-- (batch_id) is a plain column, since import batches are never deleted (a trigger refuses it),
-- and no index is kept that no query of hocai uses.

-- One row per human, keyed by the CCCD (text, so its leading zeros are kept).
CREATE TABLE people (
    national_id national_id PRIMARY KEY,
    full_name text NOT NULL
        CONSTRAINT people_full_name_clean CHECK (
            full_name IS NFC NORMALIZED
            AND full_name = btrim(full_name)
            AND full_name <> ''
            AND full_name !~ '[0-9[:cntrl:]]|  '
            AND left(full_name, 1) NOT IN ('=', '+', '-', '@')),
    -- The name folded for matching (case, Unicode form and tone-mark placement ignored: Hòa = Hoà),
    -- computed by hocai (VietnameseText.matchingKey); identity checks compare it.
    name_key text NOT NULL,
    date_of_birth date NOT NULL CONSTRAINT people_date_of_birth_range CHECK (date_of_birth >= DATE '1900-01-01'),
    sex text NOT NULL CONSTRAINT people_sex CHECK (sex IN ('M', 'F')),
    -- E.164, Vietnamese mobile numbers only (+84 and nine digits).
    phone text CONSTRAINT people_phone_e164 CHECK (phone ~ '^\+84[35789][0-9]{8}$'),
    commune_code commune_code NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Digit 4 of a CCCD is century and sex (0/1 male/female 1900s, 2/3 2000s, 4/5 2100s);
    -- digits 5-6 are the last two digits of the birth year (Thông tư 07/2016/TT-BCA, Điều 7).
    -- So digits 4-6 read as a number are (century - 19) * 200 + 100 if female + year mod 100.
    CONSTRAINT people_national_id_matches_birth_and_sex CHECK (
        substr(national_id, 4, 3)::int = (extract(year FROM date_of_birth)::int / 100 - 19) * 200
            + CASE sex WHEN 'F' THEN 100 ELSE 0 END + extract(year FROM date_of_birth)::int % 100)
);

CREATE TABLE training_centers (
    code text PRIMARY KEY CONSTRAINT training_centers_code_format CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{1,31}$'),
    name text NOT NULL UNIQUE
        CONSTRAINT training_centers_name_clean CHECK (name IS NFC NORMALIZED AND name = btrim(name) AND name <> ''),
    commune_code text NOT NULL REFERENCES communes,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Who certifies whom: experts train core instructors, core instructors train learners.
CREATE TYPE class_track AS ENUM ('expert_to_instructor', 'instructor_to_learner');
-- The three certified groups, the report's groups.
CREATE TYPE certificate_track AS ENUM ('expert', 'instructor', 'learner');

CREATE TABLE import_batches (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL CONSTRAINT import_batches_kind CHECK (kind IN ('experts', 'instructors', 'learners', 'completions')),
    file_name text NOT NULL,
    sha256 text NOT NULL CONSTRAINT import_batches_sha256_format CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    center_code text REFERENCES training_centers,
    run_by text NOT NULL DEFAULT current_user,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    rows_read integer NOT NULL DEFAULT 0 CHECK (rows_read >= 0),
    accepted integer NOT NULL DEFAULT 0 CHECK (accepted >= 0),
    rejected integer NOT NULL DEFAULT 0 CHECK (rejected >= 0),
    inserted integer NOT NULL DEFAULT 0 CHECK (inserted >= 0),
    updated integer NOT NULL DEFAULT 0 CHECK (updated >= 0),
    unchanged integer NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
    duplicates integer NOT NULL DEFAULT 0 CHECK (duplicates >= 0),
    warnings integer NOT NULL DEFAULT 0 CHECK (warnings >= 0),
    CONSTRAINT import_batches_counts CHECK (accepted + rejected <= rows_read)
);

CREATE INDEX import_batches_file ON import_batches (sha256, kind);

CREATE TABLE classes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Class codes are unique across the province, so a code names one centre's class.
    code text NOT NULL UNIQUE CONSTRAINT classes_code_format CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$'),
    track class_track NOT NULL,
    center_code text NOT NULL REFERENCES training_centers,
    instructor_id national_id NOT NULL REFERENCES people,
    starts_on date,
    ends_on date,
    batch_id bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT classes_dates CHECK (ends_on >= starts_on)
);

CREATE INDEX classes_center ON classes (center_code);
CREATE INDEX classes_instructor ON classes (instructor_id);

CREATE TABLE enrolments (
    class_id bigint NOT NULL REFERENCES classes,
    national_id national_id NOT NULL REFERENCES people,
    enrolled_on date,
    batch_id bigint,
    PRIMARY KEY (class_id, national_id)
);

-- A certificate: an expert's (issued by the province: no issuer), a core instructor's (issued
-- by an expert) or a learner's pass (issued by the class's instructor). One per person and track.
-- center_code is the centre that certified a core instructor; a learner's centre is their
-- class's (left NULL here, so the row costs no foreign-key check for it).
CREATE TABLE certificates (
    code text PRIMARY KEY CONSTRAINT certificates_code_format CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{12}$'),
    national_id national_id NOT NULL REFERENCES people,
    track certificate_track NOT NULL,
    issued_on date NOT NULL,
    issued_by national_id REFERENCES people,
    class_id bigint REFERENCES classes,
    center_code text REFERENCES training_centers,
    batch_id bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT certificates_one_per_track UNIQUE (national_id, track),
    CONSTRAINT certificates_issuer CHECK ((track = 'expert') = (issued_by IS NULL)),
    CONSTRAINT certificates_not_self_issued CHECK (issued_by IS DISTINCT FROM national_id),
    CONSTRAINT certificates_learner_class CHECK ((track = 'learner') = (class_id IS NOT NULL)),
    CONSTRAINT certificates_learner_center CHECK (track <> 'learner' OR center_code IS NULL)
);

-- A learner's result in a class, pass or fail. A pass carries its certificate's code.
CREATE TABLE completions (
    class_id bigint NOT NULL,
    national_id national_id NOT NULL,
    result text NOT NULL CONSTRAINT completions_result CHECK (result IN ('pass', 'fail')),
    score numeric(5, 2) CONSTRAINT completions_score_range CHECK (score BETWEEN 0 AND 100),
    completed_on date NOT NULL,
    issued_by national_id NOT NULL REFERENCES people,
    -- A pass carries the person's learner certificate; a second pass in another class points to
    -- the same one (one certificate per person and track).
    certificate_code text REFERENCES certificates,
    batch_id bigint,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (class_id, national_id) REFERENCES enrolments,
    CONSTRAINT completions_pass_has_certificate CHECK ((result = 'pass') = (certificate_code IS NOT NULL)),
    -- Recording the same result twice changes nothing: the natural key is the primary key.
    CONSTRAINT completions_once PRIMARY KEY (class_id, national_id, result, completed_on)
);

-- A revocation is kept for ever: the certificate stays, marked revoked, with who, when and why.
CREATE TABLE revocations (
    certificate_code text PRIMARY KEY REFERENCES certificates,
    reason text NOT NULL CONSTRAINT revocations_reason CHECK (btrim(reason) <> ''),
    revoked_on date NOT NULL DEFAULT current_date,
    revoked_at timestamptz NOT NULL DEFAULT now(),
    revoked_by text NOT NULL DEFAULT current_user
);

-- The programme's targets are data: group, value, deadline.
CREATE TABLE targets (
    target_group text PRIMARY KEY CONSTRAINT targets_group CHECK (target_group IN ('experts', 'instructors', 'learners')),
    value integer NOT NULL CONSTRAINT targets_value_positive CHECK (value > 0),
    deadline date NOT NULL,
    description text NOT NULL
);

INSERT INTO targets (target_group, value, deadline, description) VALUES
    ('experts', 30, DATE '2025-12-31', 'Provincial expert trainers'),
    ('instructors', 3000, DATE '2025-12-31', 'Core instructors teaching digital skills to the community'),
    ('learners', 500000, DATE '2025-12-31', 'Working-age people proficient in basic use of AI');

-- Who did what and when. Subjects and details hold codes and counts, never personal data.
CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor text NOT NULL DEFAULT current_user,
    action text NOT NULL,
    subject text,
    details jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER import_batches_kept BEFORE DELETE ON import_batches
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER revocations_kept BEFORE UPDATE OR DELETE ON revocations
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER revocations_no_truncate BEFORE TRUNCATE ON revocations
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Whether a person held a certificate of one of `tracks` on `on_date`: issued on or before it
-- and not revoked on or before it. The cascade's rule for who may train and certify whom.
CREATE FUNCTION holds_valid_certificate(person text, tracks certificate_track[], on_date date)
RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1
        FROM certificates c
        LEFT JOIN revocations r ON r.certificate_code = c.code
        WHERE c.national_id = person
          AND c.track = ANY (tracks)
          AND c.issued_on <= on_date
          AND (r.certificate_code IS NULL OR r.revoked_on > on_date))
$$;
