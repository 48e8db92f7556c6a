-- The progress report's figures recounted the plain way, straight from the register, for checking
-- the report (tests) and timing it (scripts/bench-report). Written apart from the summary on
-- purpose: it shares no function with it. Run with psql -v as_of="'2025-12-31'".
--
-- A person counts, as of the date, when some piece of their evidence is valid then: a learner's
-- pass, a trainer's accreditation, dated on or before it and not voided by a revocation dated
-- on or before it (a revocation voids a learner's passes in its class, a trainer's
-- accreditations of its track, dated on or before the revocation). The earliest valid piece says
-- which centre they count under (ties: centre code, then class code).
--
-- Rows: (target_group, dimension, key, count) for the same groups and dimensions as report_events.
WITH params AS (SELECT :as_of::date AS d),
evidence AS (
    SELECT x.national_id::text AS national_id, 'learner' AS track, x.completed_on AS day, x.class_id, cl.code AS class_code,
           cl.center_code AS center
    FROM completions x JOIN classes cl ON cl.id = x.class_id
    WHERE x.result = 'pass'
    UNION ALL
    SELECT a.national_id, a.track::text, a.certified_on, NULL, '', COALESCE(a.center_code, '') FROM accreditations a
),
valid AS (
    SELECT e.* FROM evidence e CROSS JOIN params
    WHERE e.day <= params.d
      AND NOT EXISTS (
          SELECT 1 FROM revocations r JOIN certificates c ON c.code = r.certificate_code
          WHERE c.national_id = e.national_id AND c.track::text = e.track
            AND r.revoked_on >= e.day AND r.revoked_on <= params.d
            AND (e.track <> 'learner' OR r.class_id = e.class_id))
),
counted AS (
    SELECT DISTINCT ON (v.national_id, v.track) v.track, v.national_id, v.center, p.date_of_birth AS born, p.sex, p.commune_code
    FROM valid v JOIN people p ON p.national_id = v.national_id
    ORDER BY v.national_id, v.track, v.day, v.center, v.class_code
),
learner AS (
    SELECT v.*,
           -- Whole years of age on the report date (a birthday counts from its day; 29 February
           -- from 28 February, as PostgreSQL's date arithmetic has it).
           (SELECT max(n) FROM generate_series(0, 130) AS n WHERE v.born + make_interval(years => n) <= params.d) AS years,
           -- Retired: some month-birthday on or before the date reached the age in force that year.
           EXISTS (
               SELECT 1 FROM generate_series(660, 744) AS m
               WHERE (v.born + make_interval(months => m))::date <= params.d
                 AND m >= CASE WHEN v.sex = 'M'
                               THEN 720 + 3 * least(greatest(extract(year FROM (v.born + make_interval(months => m)))::int - 2020, 0), 8)
                               ELSE 660 + 4 * least(greatest(extract(year FROM (v.born + make_interval(months => m)))::int - 2020, 0), 15) END
           ) AS retired
    FROM counted v CROSS JOIN params WHERE v.track = 'learner'
),
working AS (SELECT * FROM learner WHERE years >= 15 AND NOT retired),
figures AS (
    SELECT 'experts' AS target_group, commune_code, center, sex, NULL AS band FROM counted WHERE track = 'expert'
    UNION ALL SELECT 'instructors', commune_code, center, sex, NULL FROM counted WHERE track = 'instructor'
    UNION ALL SELECT 'certified', commune_code, center, sex, NULL FROM learner
    UNION ALL SELECT 'learners', commune_code, center, sex, NULL FROM working
    UNION ALL SELECT 'learners_band', NULL, NULL, NULL,
        CASE WHEN years < 15 OR retired THEN 'outside' WHEN years < 25 THEN '15-24' WHEN years < 35 THEN '25-34'
             WHEN years < 45 THEN '35-44' WHEN years < 55 THEN '45-54' ELSE '55-retirement' END
        FROM learner
),
-- The targets' groups are broken down; the others are totals only.
targeted AS (SELECT * FROM figures WHERE target_group IN ('experts', 'instructors', 'learners'))
SELECT target_group, 'total' AS dimension, '' AS key, count(*) FROM figures WHERE band IS NULL GROUP BY target_group
UNION ALL SELECT target_group, 'commune', commune_code, count(*) FROM targeted GROUP BY 1, 3
UNION ALL SELECT target_group, 'center', center, count(*) FROM targeted GROUP BY 1, 3
UNION ALL SELECT target_group, 'sex', sex, count(*) FROM targeted GROUP BY 1, 3
UNION ALL SELECT target_group, 'band', band, count(*) FROM figures WHERE band IS NOT NULL GROUP BY 1, 3
-- Revocations, each counted from its date.
UNION ALL SELECT 'revoked_' || c.track::text, 'total', '', count(*)
    FROM revocations r JOIN certificates c ON c.code = r.certificate_code CROSS JOIN params
    WHERE r.revoked_on <= params.d GROUP BY c.track
UNION ALL SELECT 'participants', 'total', '', count(DISTINCT e.national_id)
    FROM enrolments e JOIN classes c ON c.id = e.class_id AND c.track = 'instructor_to_learner'
    LEFT JOIN import_batches b ON b.id = e.batch_id CROSS JOIN params
    WHERE COALESCE(e.enrolled_on, b.started_at::date) <= params.d
ORDER BY 1, 2, 3;
