-- The register's truth: a person counts from their earliest valid pass, whatever order the
-- records arrived in; a revocation voids what it concerns and nothing more; a certificate, once
-- written, cannot be changed; append-only tables refuse every change.
--
-- Before this migration a certificate was the count: one per person and track, dated by
-- whichever pass was imported first, and a revocation ended the person's count for ever. Now:
--
-- * Evidence is what counts. A learner's evidence is each pass (a completion record with result
--   pass); a trainer's is each accreditation (a roster row: certified on a date, by a centre,
--   trained by an expert), kept in `accreditations`. A person counts on a day when some piece of
--   their evidence dated on or before it is not void on that day.
-- * A revocation voids evidence from its date on: for a learner, the holder's passes in one class
--   (`revocations.class_id`, by default the certificate's own class) dated on or before the
--   revocation; for a trainer, the holder's accreditations of that track dated on or before it.
--   Passes in other classes, and anything dated after the revocation, stay valid.
-- * A certificate is the document a person holds: at most one valid per person and track. It is
--   issued from a piece of evidence when the person holds no valid one, and written once.
--
-- The report's summary (report_events) is rebuilt per person from their evidence, so it is a
-- function of the records held, not of their order (`person_events`).

-- Trainers' evidence: one row per (person, track, date, centre) a roster stated.
CREATE TABLE accreditations (
    national_id national_id NOT NULL REFERENCES people,
    track certificate_track NOT NULL CONSTRAINT accreditations_trainer_track CHECK (track IN ('expert', 'instructor')),
    certified_on date NOT NULL,
    -- The expert who trained a core instructor (NULL for an expert, certified by the province).
    trained_by national_id REFERENCES people,
    -- The centre that certified a core instructor (NULL for an expert).
    center_code text REFERENCES training_centers,
    -- The certificate the person held when this was recorded (the one it issued, or the one
    -- already valid).
    certificate_code text NOT NULL,
    batch_id bigint,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT accreditations_expert CHECK ((track = 'expert') = (trained_by IS NULL)),
    CONSTRAINT accreditations_expert_center CHECK ((track = 'expert') = (center_code IS NULL)),
    CONSTRAINT accreditations_not_self CHECK (trained_by IS DISTINCT FROM national_id)
);

CREATE UNIQUE INDEX accreditations_once ON accreditations (national_id, track, certified_on, COALESCE(center_code, ''));

COMMENT ON TABLE accreditations IS
    'A trainer''s evidence: each roster row that certified a provincial expert or a core instructor. '
    'The person counts from their earliest accreditation not voided by a revocation.';

-- What the trainer certificates said until now is what the rosters said.
INSERT INTO accreditations (national_id, track, certified_on, trained_by, center_code, certificate_code, batch_id, recorded_at)
SELECT national_id, track, issued_on, issued_by, center_code, code, batch_id, created_at
FROM certificates WHERE track IN ('expert', 'instructor');

ALTER TABLE accreditations ADD CONSTRAINT accreditations_certificate_fkey FOREIGN KEY (certificate_code) REFERENCES certificates;

-- A revocation names the evidence it voids: the holder, the track, and for a learner the class.
-- Filled from the certificate when the row is written (the class may be given: a certificate
-- that covers passes in several classes is revoked for one of them).
ALTER TABLE revocations
    ADD COLUMN national_id national_id,
    ADD COLUMN track certificate_track,
    ADD COLUMN class_id bigint REFERENCES classes;

-- Rows written before this migration are filled in once (the append-only trigger stands aside
-- for it, inside this migration's transaction).
ALTER TABLE revocations DISABLE TRIGGER revocations_kept;
UPDATE revocations r SET national_id = c.national_id, track = c.track, class_id = c.class_id
FROM certificates c WHERE c.code = r.certificate_code;
ALTER TABLE revocations ENABLE TRIGGER revocations_kept;

ALTER TABLE revocations
    ALTER COLUMN national_id SET NOT NULL,
    ALTER COLUMN track SET NOT NULL,
    ADD CONSTRAINT revocations_learner_class CHECK ((track = 'learner') = (class_id IS NOT NULL)),
    ADD CONSTRAINT revocations_reason_clean CHECK (
        char_length(reason) <= 500 AND reason !~ '[[:cntrl:]\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]') NOT VALID;

CREATE INDEX revocations_holder ON revocations (national_id, track);

CREATE FUNCTION revocation_scope() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    holder certificates%ROWTYPE;
BEGIN
    SELECT * INTO holder FROM certificates WHERE code = NEW.certificate_code;
    IF NOT FOUND THEN
        RETURN NEW;  -- the foreign key reports it
    END IF;
    NEW.national_id := holder.national_id;
    NEW.track := holder.track;
    IF holder.track = 'learner' THEN
        NEW.class_id := COALESCE(NEW.class_id, holder.class_id);
    ELSE
        NEW.class_id := NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER revocations_scope BEFORE INSERT ON revocations FOR EACH ROW EXECUTE FUNCTION revocation_scope();

-- At most one valid certificate per person and track: `revoked` mirrors revocations (set by a
-- trigger when one is written, never cleared), and a partial unique index holds the rule.
ALTER TABLE certificates ADD COLUMN revoked boolean NOT NULL DEFAULT false;
UPDATE certificates c SET revoked = true WHERE EXISTS (SELECT 1 FROM revocations r WHERE r.certificate_code = c.code);
ALTER TABLE certificates DROP CONSTRAINT certificates_one_per_track;
CREATE UNIQUE INDEX certificates_one_valid_per_track ON certificates (national_id, track) WHERE NOT revoked;

CREATE FUNCTION mark_certificate_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE certificates SET revoked = true WHERE code = NEW.certificate_code;
    RETURN NULL;
END
$$;

CREATE TRIGGER revocations_mark_certificate AFTER INSERT ON revocations FOR EACH ROW EXECUTE FUNCTION mark_certificate_revoked();

-- A certificate, once written, is kept as it is: its holder, track, date, issuer, class, centre,
-- batch and code never change (a correction is a revocation and a new certificate). The only
-- change allowed is `revoked` going from false to true, with its revocation written.
CREATE FUNCTION certificate_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.code, NEW.national_id, NEW.track, NEW.issued_on, NEW.issued_by, NEW.class_id, NEW.center_code, NEW.batch_id, NEW.created_at)
        IS DISTINCT FROM
       (OLD.code, OLD.national_id, OLD.track, OLD.issued_on, OLD.issued_by, OLD.class_id, OLD.center_code, OLD.batch_id, OLD.created_at)
    THEN
        RAISE EXCEPTION 'a certificate cannot be changed once written; revoke it and issue a new one'
            USING ERRCODE = 'insufficient_privilege', TABLE = TG_TABLE_NAME;
    END IF;
    IF OLD.revoked AND NOT NEW.revoked THEN
        RAISE EXCEPTION 'a revocation cannot be undone' USING ERRCODE = 'insufficient_privilege', TABLE = TG_TABLE_NAME;
    END IF;
    IF NEW.revoked AND NOT OLD.revoked
       AND NOT EXISTS (SELECT 1 FROM revocations r WHERE r.certificate_code = NEW.code) THEN
        RAISE EXCEPTION 'a certificate is revoked by writing its revocation' USING ERRCODE = 'insufficient_privilege', TABLE = TG_TABLE_NAME;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER certificates_unchanged BEFORE UPDATE ON certificates FOR EACH ROW EXECUTE FUNCTION certificate_unchanged();

-- Append-only tables refuse UPDATE, DELETE and TRUNCATE: completion records and accreditations
-- (evidence), like revocations and the audit log. Import batches are kept too; the only change
-- is an import finishing its own row, in the transaction that wrote it (an unfinished row is
-- never seen by anyone else, since an import commits with its batch finished).
CREATE TRIGGER completions_append_only BEFORE UPDATE OR DELETE ON completions
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER completions_no_truncate BEFORE TRUNCATE ON completions
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER accreditations_append_only BEFORE UPDATE OR DELETE ON accreditations
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER accreditations_no_truncate BEFORE TRUNCATE ON accreditations
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER import_batches_no_truncate BEFORE TRUNCATE ON import_batches
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE FUNCTION import_batch_finishing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.finished_at IS NOT NULL OR NEW.finished_at IS NULL
       OR (NEW.id, NEW.kind, NEW.file_name, NEW.sha256, NEW.center_code, NEW.run_by, NEW.started_at)
          IS DISTINCT FROM (OLD.id, OLD.kind, OLD.file_name, OLD.sha256, OLD.center_code, OLD.run_by, OLD.started_at)
    THEN
        RAISE EXCEPTION 'import_batches is append-only: only an import finishing its own batch may update it'
            USING ERRCODE = 'insufficient_privilege', TABLE = TG_TABLE_NAME;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER import_batches_finish_only BEFORE UPDATE ON import_batches FOR EACH ROW EXECUTE FUNCTION import_batch_finishing();

-- Names: at most 100 characters, no invisible or direction-changing characters (zero-width
-- spaces and joiners, bidirectional marks, embeddings, overrides and isolates), and no formula
-- behind Excel's text marker ('=…). Centre names: at most 200 characters, the same characters
-- refused. (Control characters were already refused in names.) Existing centre names are not
-- re-checked (NOT VALID): they were written before the rule.
ALTER TABLE people ADD CONSTRAINT people_full_name_visible CHECK (
    char_length(full_name) <= 100
    AND full_name !~ '[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]'
    AND NOT (left(full_name, 1) = '''' AND substr(full_name, 2, 1) IN ('=', '+', '-', '@')));

ALTER TABLE training_centers ADD CONSTRAINT training_centers_name_visible CHECK (
    char_length(name) <= 200 AND name !~ '[[:cntrl:]\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]') NOT VALID;

-- A person's commune as the register keeps it comes from one statement: the roster row with the
-- latest date (an enrolment's date for a learner, a certification's for a trainer; undated
-- rows rank lowest); between rows of the same date, the centre with the smallest code. A
-- centre's later roster replaces its own statement of the same date (a move). So the commune,
-- too, does not depend on the order in which centres' rosters arrive.
ALTER TABLE people
    ADD COLUMN commune_as_of date,
    ADD COLUMN commune_source text NOT NULL DEFAULT '';

COMMENT ON COLUMN people.commune_source IS
    'The centre (empty: the province) whose roster row set commune_code, dated commune_as_of.';

-- Whether a person held valid evidence of one of `tracks` on `on_date`: evidence dated on or
-- before it and not voided by a revocation dated on or before it. The cascade's rule for who
-- may train and certify whom, now read from the evidence, so it does not depend on which
-- roster arrived first.
CREATE FUNCTION valid_evidence(person text, tracks certificate_track[], on_date date)
RETURNS TABLE (track certificate_track, day date, class_id bigint, class_code text, center_code text, issuer text)
LANGUAGE sql STABLE AS $$
    SELECT e.track, e.day, e.class_id, e.class_code, e.center_code, e.issuer
    FROM (SELECT 'learner'::certificate_track AS track, x.completed_on AS day, x.class_id, cl.code AS class_code,
                 cl.center_code, x.issued_by::text AS issuer
          FROM completions x JOIN classes cl ON cl.id = x.class_id
          WHERE x.national_id = person AND x.result = 'pass' AND 'learner' = ANY (tracks)
          UNION ALL
          SELECT a.track, a.certified_on, NULL, '', COALESCE(a.center_code, ''), a.trained_by::text
          FROM accreditations a WHERE a.national_id = person AND a.track = ANY (tracks)) e
    WHERE e.day <= on_date
      AND NOT EXISTS (SELECT 1 FROM revocations r
                      WHERE r.national_id = person AND r.track = e.track AND r.revoked_on >= e.day
                        AND r.revoked_on <= on_date AND (e.track <> 'learner' OR r.class_id = e.class_id))
$$;

CREATE OR REPLACE FUNCTION holds_valid_certificate(person text, tracks certificate_track[], on_date date)
RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM valid_evidence(person, tracks, on_date))
$$;

-- Completion records looked up by person: a learner's evidence (verify, revocations).
CREATE INDEX completions_person ON completions (national_id);

-- The report's summary per person: what each person in `ids` contributes to every count, given
-- all their evidence and revocations. Counted from the earliest valid piece of evidence; a
-- revocation ends a piece of evidence's span from its date; where a person's evidence overlaps,
-- the earliest valid piece on each day says which centre they count under (ties: the smaller
-- centre code, then class code).
CREATE FUNCTION person_events(ids text[])
RETURNS TABLE (target_group text, dimension text, key text, day date, delta bigint)
LANGUAGE sql STABLE AS $$
    WITH p AS MATERIALIZED (
        SELECT national_id, sex, commune_code::text AS commune,
               (date_of_birth + interval '15 years')::date AS b15, (date_of_birth + interval '25 years')::date AS b25,
               (date_of_birth + interval '35 years')::date AS b35, (date_of_birth + interval '45 years')::date AS b45,
               (date_of_birth + interval '55 years')::date AS b55, retirement_date(date_of_birth, sex) AS retires
        FROM people WHERE national_id = ANY (ids)
    ),
    revoked AS MATERIALIZED (
        SELECT r.national_id, r.track, r.class_id, r.revoked_on FROM revocations r WHERE r.national_id = ANY (ids)
    ),
    ev AS MATERIALIZED (
        SELECT x.national_id::text AS national_id, 'learner'::certificate_track AS track, x.completed_on AS day,
               x.class_id, cl.code AS class_code, cl.center_code AS center
        FROM completions x JOIN classes cl ON cl.id = x.class_id
        WHERE x.result = 'pass' AND x.national_id = ANY (ids)
        UNION ALL
        SELECT a.national_id, a.track, a.certified_on, NULL, '', COALESCE(a.center_code, '')
        FROM accreditations a WHERE a.national_id = ANY (ids)
    ),
    -- Each piece of evidence counts from its day to the first revocation that concerns it.
    void AS (
        SELECT e.national_id, e.track, e.day, e.class_code, e.center, min(r.revoked_on) AS ends
        FROM ev e JOIN revoked r ON r.national_id = e.national_id AND r.track = e.track AND r.revoked_on >= e.day
                                  AND (e.track <> 'learner' OR r.class_id = e.class_id)
        GROUP BY 1, 2, 3, 4, 5
    ),
    span AS MATERIALIZED (
        SELECT e.national_id, e.track, e.day, e.class_code, e.center, v.ends
        FROM ev e LEFT JOIN void v USING (national_id, track, day, class_code, center)
    ),
    -- Most people have one piece of evidence a track: their span is it. The others are cut at
    -- every start and end of their pieces, and each cut takes the earliest piece valid there.
    multi AS MATERIALIZED (SELECT national_id, track FROM span GROUP BY 1, 2 HAVING count(*) > 1),
    single AS (
        SELECT s.national_id, s.track, s.day AS starts, s.ends, s.center FROM span s
        WHERE NOT EXISTS (SELECT 1 FROM multi m WHERE m.national_id = s.national_id AND m.track = s.track)
    ),
    bound AS (
        SELECT DISTINCT s.national_id, s.track, b.day
        FROM span s JOIN multi m USING (national_id, track) CROSS JOIN LATERAL (VALUES (s.day), (s.ends)) AS b (day)
        WHERE b.day IS NOT NULL
    ),
    chosen AS (
        SELECT DISTINCT ON (b.national_id, b.track, b.day) b.national_id, b.track, b.day, s.day IS NOT NULL AS active, s.center
        FROM bound b LEFT JOIN span s ON s.national_id = b.national_id AND s.track = b.track
                                       AND s.day <= b.day AND (s.ends IS NULL OR b.day < s.ends)
        ORDER BY b.national_id, b.track, b.day, s.day, s.center, s.class_code
    ),
    cut AS (
        SELECT national_id, track, day AS starts, lead(day) OVER (PARTITION BY national_id, track ORDER BY day) AS ends,
               active, center
        FROM chosen
    ),
    spans AS (
        SELECT national_id, track, starts, ends, center FROM single WHERE ends IS NULL OR starts < ends
        UNION ALL
        SELECT national_id, track, starts, ends, center FROM cut WHERE active
    ),
    c AS MATERIALIZED (
        SELECT s.track, s.starts AS issued, s.ends AS revoked, p.sex, p.commune, s.center,
               p.b15, p.b25, p.b35, p.b45, p.b55, p.retires
        FROM spans s JOIN p USING (national_id)
    ),
    -- Each span in its target: trainers while valid; learners while valid and of working age
    -- (15 to the retirement date).
    target AS MATERIALIZED (
        SELECT t.target_group, t.starts, t.ends, c.commune, c.center, c.sex
        FROM c CROSS JOIN LATERAL (SELECT
            CASE c.track WHEN 'expert' THEN 'experts' WHEN 'instructor' THEN 'instructors' ELSE 'learners' END,
            CASE WHEN c.track = 'learner' THEN greatest(c.issued, c.b15) ELSE c.issued END,
            CASE WHEN c.track = 'learner' THEN least(c.revoked, c.retires) ELSE c.revoked END) AS t (target_group, starts, ends)
        -- greatest() and least() skip NULLs, so a span always starts; it may never end.
        WHERE t.ends IS NULL OR t.starts < t.ends
    ),
    learner AS MATERIALIZED (SELECT * FROM c WHERE track = 'learner'),
    target_change AS (
        SELECT target_group, starts AS day, 1 AS delta, commune, center, sex FROM target
        UNION ALL
        SELECT target_group, ends, -1, commune, center, sex FROM target WHERE ends IS NOT NULL
    ),
    -- A learner's age band changes on birthdays (15, 25, ..., 55) and on the retirement date;
    -- such a boundary counts where it falls inside the span.
    band_boundary AS (
        SELECT b.left_band, b.right_band, b.day, count(*) AS n
        FROM learner l CROSS JOIN LATERAL (VALUES
            ('outside', '15-24', l.b15), ('15-24', '25-34', l.b25), ('25-34', '35-44', l.b35),
            ('35-44', '45-54', l.b45), ('45-54', '55-retirement', l.b55), ('55-retirement', 'outside', l.retires))
            AS b (left_band, right_band, day)
        WHERE l.issued < b.day AND (l.revoked IS NULL OR b.day < l.revoked)
        GROUP BY b.left_band, b.right_band, b.day
    ),
    -- Each learner span's entry (+1) and exit (-1), with the band the person is in that day.
    band_at AS (
        SELECT CASE WHEN d.day < l.b15 THEN 'outside' WHEN d.day < l.b25 THEN '15-24' WHEN d.day < l.b35 THEN '25-34'
                    WHEN d.day < l.b45 THEN '35-44' WHEN d.day < l.b55 THEN '45-54'
                    WHEN d.day < l.retires THEN '55-retirement' ELSE 'outside' END AS band,
               d.day, d.delta
        FROM learner l CROSS JOIN LATERAL (VALUES (l.issued, 1), (l.revoked, -1)) AS d (day, delta)
        WHERE d.day IS NOT NULL
    )
    SELECT target_group,
           CASE WHEN GROUPING(commune) = 0 THEN 'commune' WHEN GROUPING(center) = 0 THEN 'center'
                WHEN GROUPING(sex) = 0 THEN 'sex' ELSE 'total' END,
           COALESCE(commune, center, sex, ''), day, sum(delta)
    FROM target_change
    GROUP BY GROUPING SETS ((target_group, day), (target_group, day, commune), (target_group, day, center),
                            (target_group, day, sex))
    UNION ALL
    -- Learners of any age, while a pass of theirs is valid.
    SELECT 'certified', 'total', '', day, sum(delta) FROM band_at GROUP BY day
    UNION ALL
    -- Revocations, counted from their date.
    SELECT 'revoked_' || track::text, 'total', '', revoked_on, count(*) FROM revoked GROUP BY track, revoked_on
    UNION ALL
    SELECT 'learners_band', 'band', band, day, sum(delta)
    FROM (SELECT band, day, delta FROM band_at
          UNION ALL SELECT left_band, day, -n FROM band_boundary
          UNION ALL SELECT right_band, day, n FROM band_boundary) b
    GROUP BY band, day
$$;

-- Adds (sign = 1) or takes away (sign = -1) what the people in `ids` contribute. A writer takes
-- a person's contribution away before it changes their evidence, revocations or commune, and
-- adds it back after, in the same transaction and under the import lock, so the summary always
-- equals the sum over people of person_events. Custom plans: one person is found by index,
-- an import's hundreds of thousands by hash joins.
CREATE FUNCTION apply_person_events(ids text[], sign integer) RETURNS void
LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
BEGIN
    INSERT INTO report_events (target_group, dimension, key, day, delta)
    SELECT e.target_group, e.dimension, e.key, e.day, sign * e.delta
    FROM person_events(ids) e
    WHERE e.delta <> 0
    ORDER BY e.dimension, e.target_group, e.day, e.key
    ON CONFLICT (dimension, target_group, day, key) DO UPDATE SET delta = report_events.delta + excluded.delta;
END
$$;

DROP FUNCTION apply_certificate_events(text[], integer);
DROP FUNCTION certificate_events(text[]);

-- The summary rebuilt under the new rules: participants as they were, every person with
-- evidence from their evidence.
DELETE FROM report_events WHERE target_group <> 'participants';
SELECT apply_person_events(ARRAY(
    SELECT national_id FROM completions WHERE result = 'pass'
    UNION SELECT national_id FROM accreditations), 1);
DELETE FROM report_events WHERE delta = 0;
