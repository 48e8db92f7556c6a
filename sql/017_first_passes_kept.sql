-- The first pass date that verify shows, kept rather than computed on every call.
--
-- verify_certificate answered a certificate's "first passed on" (its holder's earliest valid
-- evidence of the track) by running valid_evidence for each call: the holder's passes and their
-- classes, their accreditations and revocations. That was a third of a verification's time on
-- the 3.2M register (pgbench, 8 clients: 10,500 calls/s with it, 15,800/s without, the minimal
-- lookup 24,500/s; docs/benchmarks.md).
--
-- It is now kept per person and track, as of any date on or after `settled_on`, the latest
-- date among that person's evidence and revocations of the track: from that date on, no piece
-- of their evidence is still to come and no revocation still to take effect, so the answer is
-- the same for every later date. For an earlier date, verify computes it from the evidence as
-- before. Either way it is exact.
--
-- It is written where the report's summary is: every writer of evidence or revocations calls
-- apply_person_events(ids, 1) after its writes, in the same transaction and under the import
-- lock, and that now refreshes the first passes of the same people. Evidence and revocations
-- are only ever added, so a row, once there, is only updated.
CREATE TABLE first_passes (
    national_id national_id NOT NULL,
    track certificate_track NOT NULL,
    first_passed_on date,
    settled_on date NOT NULL,
    PRIMARY KEY (national_id, track),
    CONSTRAINT first_passes_settled CHECK (first_passed_on <= settled_on)
);

-- The first passes of the people in `ids`, as of any date on or after their settled_on: their
-- earliest evidence of each track that no revocation voids (a revocation voids a learner's
-- passes in its class, a trainer's accreditations of its track, dated on or before it).
-- Custom plans, as apply_person_events: one person is found by index, an import's hundreds of
-- thousands by hash joins (500,000 new learners: about 5 s, a tenth of their import). No order
-- is needed for the upsert: every writer holds the import lock.
CREATE FUNCTION refresh_first_passes(ids text[]) RETURNS void
LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
BEGIN
    WITH evidence AS MATERIALIZED (
        SELECT x.national_id::text AS national_id, 'learner'::certificate_track AS track, x.completed_on AS day, x.class_id
        FROM completions x WHERE x.result = 'pass' AND x.national_id = ANY (ids)
        UNION ALL
        SELECT a.national_id, a.track, a.certified_on, NULL FROM accreditations a WHERE a.national_id = ANY (ids)
    ),
    revoked AS MATERIALIZED (
        SELECT r.national_id::text AS national_id, r.track, r.class_id, r.revoked_on FROM revocations r WHERE r.national_id = ANY (ids)
    ),
    -- The pieces of evidence a revocation voids: few, so one small hash join marks them.
    voided AS (
        SELECT DISTINCT e.national_id, e.track, e.day, e.class_id
        FROM evidence e JOIN revoked r ON r.national_id = e.national_id AND r.track = e.track AND r.revoked_on >= e.day
                                       AND (e.track <> 'learner' OR r.class_id = e.class_id)
    ),
    last_revoked AS (
        SELECT national_id, track, max(revoked_on) AS day FROM revoked GROUP BY 1, 2
    ),
    person AS (
        SELECT e.national_id, e.track, min(e.day) FILTER (WHERE v.national_id IS NULL) AS first_passed_on, max(e.day) AS last_day
        FROM evidence e
        LEFT JOIN voided v ON v.national_id = e.national_id AND v.track = e.track AND v.day = e.day
                          AND v.class_id IS NOT DISTINCT FROM e.class_id
        GROUP BY 1, 2
    )
    INSERT INTO first_passes (national_id, track, first_passed_on, settled_on)
    SELECT p.national_id, p.track, p.first_passed_on, greatest(p.last_day, l.day)
    FROM person p LEFT JOIN last_revoked l USING (national_id, track)
    ON CONFLICT (national_id, track) DO UPDATE
        SET first_passed_on = excluded.first_passed_on, settled_on = excluded.settled_on
        WHERE (first_passes.first_passed_on, first_passes.settled_on)
              IS DISTINCT FROM (excluded.first_passed_on, excluded.settled_on);
END
$$;

-- As in 009, with the first passes refreshed when a writer adds its people back.
CREATE OR REPLACE FUNCTION apply_person_events(ids text[], sign integer) RETURNS void
LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
BEGIN
    INSERT INTO report_events (target_group, dimension, key, day, delta)
    SELECT e.target_group, e.dimension, e.key, e.day, sign * e.delta
    FROM person_events(ids) e
    WHERE e.delta <> 0
    ORDER BY e.dimension, e.target_group, e.day, e.key
    ON CONFLICT (dimension, target_group, day, key) DO UPDATE SET delta = report_events.delta + excluded.delta;
    IF sign = 1 THEN
        PERFORM refresh_first_passes(ids);
    END IF;
END
$$;

-- Same arguments, answers and grants as in 015. The kept date answers any date on or after its
-- settled_on; an earlier date, or a holder with no kept row, is computed from the evidence, in a
-- statement of its own: as a branch of the one query, its tables and indexes were opened and
-- locked on every call though it never ran (pgbench: 10,400 calls/s, against 15,800 as two
-- statements).
CREATE OR REPLACE FUNCTION verify_certificate(certificate text, on_date date)
RETURNS TABLE (code text, track text, issued_on date, holder text, holder_id text, center_code text, center_name text,
               class_code text, issuer text, revoked_on date, reason text, revoked_class text, first_passed_on date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    person text;
    person_track certificate_track;
    is_revoked boolean;
    settled date;
BEGIN
    SELECT c.code, c.track::text, c.issued_on, masked_name(p.full_name), masked_national_id(p.national_id),
           COALESCE(c.center_code, cl.center_code), tc.name, cl.code, masked_name(ip.full_name), r.revoked_on, r.reason, rc.code,
           f.first_passed_on, f.settled_on, c.revoked, c.national_id, c.track
    INTO code, track, issued_on, holder, holder_id, center_code, center_name, class_code, issuer, revoked_on, reason, revoked_class,
         first_passed_on, settled, is_revoked, person, person_track
    FROM certificates c
    JOIN people p ON p.national_id = c.national_id
    LEFT JOIN classes cl ON cl.id = c.class_id
    LEFT JOIN training_centers tc ON tc.code = COALESCE(c.center_code, cl.center_code)
    LEFT JOIN people ip ON ip.national_id = c.issued_by
    LEFT JOIN revocations r ON r.certificate_code = c.code
    LEFT JOIN classes rc ON rc.id = r.class_id
    LEFT JOIN first_passes f ON f.national_id = c.national_id AND f.track = c.track
    WHERE c.code = certificate;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF is_revoked THEN
        first_passed_on := NULL;
    ELSIF settled IS NULL OR settled > on_date THEN
        first_passed_on := (SELECT min(e.day) FROM valid_evidence(person, ARRAY[person_track], on_date) e);
    END IF;
    RETURN NEXT;
END
$$;

-- Written by whoever writes evidence (through apply_person_events), read by no role directly:
-- verify reads it as its definer.
GRANT SELECT, INSERT, UPDATE ON first_passes TO hocai_importer, hocai_admin;

-- Every person with evidence, once.
SELECT refresh_first_passes(ARRAY(SELECT national_id FROM completions WHERE result = 'pass'
                                  UNION SELECT national_id FROM accreditations));
ANALYZE first_passes;
