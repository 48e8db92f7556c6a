-- The report's summary computed from span boundaries, aggregated before it is written.
--
-- sql/003 turned every certificate into one row per event and dimension and grouped ~8 million
-- rows for a 315,000-certificate import (12 s, most of a learner import's merge). Here each
-- certificate's span is cut once, its boundaries are counted per day with plain GROUP BYs, and
-- only the summed changes (about 1.5 per certificate, most of them future retirements by
-- commune) reach report_events. The meaning of report_events is unchanged: the count as of D
-- is the sum of delta over day <= D.

DROP FUNCTION apply_certificate_events(text[], integer);
DROP FUNCTION certificate_events(text[]);

-- The changes `codes` make to the counts, given their revocations, summed by target group,
-- dimension, key and day.
CREATE FUNCTION certificate_events(codes text[])
RETURNS TABLE (target_group text, dimension text, key text, day date, delta bigint)
LANGUAGE sql STABLE AS $$
    WITH c AS MATERIALIZED (
        SELECT x.track, x.issued_on AS issued, r.revoked_on AS revoked, p.sex, p.commune_code::text AS commune,
               COALESCE(x.center_code, cl.center_code, '') AS center,
               (p.date_of_birth + interval '15 years')::date AS b15, (p.date_of_birth + interval '25 years')::date AS b25,
               (p.date_of_birth + interval '35 years')::date AS b35, (p.date_of_birth + interval '45 years')::date AS b45,
               (p.date_of_birth + interval '55 years')::date AS b55, retirement_date(p.date_of_birth, p.sex) AS retires
        FROM certificates x
        JOIN people p ON p.national_id = x.national_id
        LEFT JOIN classes cl ON cl.id = x.class_id
        LEFT JOIN revocations r ON r.certificate_code = x.code
        WHERE x.code = ANY (codes)
    ),
    -- Each certificate's span in its target: trainers from issue to revocation; learners while
    -- of working age (15 to the retirement date) and not revoked.
    target AS MATERIALIZED (
        SELECT s.target_group, s.starts, s.ends, c.commune, c.center, c.sex
        FROM c CROSS JOIN LATERAL (SELECT
            CASE c.track WHEN 'expert' THEN 'experts' WHEN 'instructor' THEN 'instructors' ELSE 'learners' END,
            CASE WHEN c.track = 'learner' THEN greatest(c.issued, c.b15) ELSE c.issued END,
            CASE WHEN c.track = 'learner' THEN least(c.revoked, c.retires) ELSE c.revoked END) AS s (target_group, starts, ends)
        -- greatest() and least() skip NULLs, so a span always starts; it may never end.
        WHERE s.ends IS NULL OR s.starts < s.ends
    ),
    -- Learner certificates with a span: one revoked before it was issued never counted.
    learner AS MATERIALIZED (SELECT * FROM c WHERE track = 'learner' AND (revoked IS NULL OR issued < revoked)),
    -- The targets by total, commune, centre and sex: +1 from the start, -1 from the end.
    target_change AS (
        SELECT target_group, starts AS day, 1 AS delta, commune, center, sex FROM target
        UNION ALL
        SELECT target_group, ends, -1, commune, center, sex FROM target WHERE ends IS NOT NULL
    ),
    -- A learner's age band changes on birthdays (15, 25, ..., 55) and on the retirement date;
    -- such a boundary counts where it falls inside the certificate's span.
    band_boundary AS (
        SELECT b.left_band, b.right_band, b.day, count(*) AS n
        FROM learner l CROSS JOIN LATERAL (VALUES
            ('outside', '15-24', l.b15), ('15-24', '25-34', l.b25), ('25-34', '35-44', l.b35),
            ('35-44', '45-54', l.b45), ('45-54', '55-retirement', l.b55), ('55-retirement', 'outside', l.retires))
            AS b (left_band, right_band, day)
        WHERE l.issued < b.day AND (l.revoked IS NULL OR b.day < l.revoked)
        GROUP BY b.left_band, b.right_band, b.day
    ),
    -- Each learner's entry (issue, +1) and exit (revocation, -1), with the band they are in that
    -- day: the certified count reads the days, the band count the bands too.
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
    -- Learners of any age, from the pass to revocation.
    SELECT 'certified', 'total', '', day, sum(delta) FROM band_at GROUP BY day
    UNION ALL
    -- Revoked certificates, counted from their revocation.
    SELECT 'revoked_' || track::text, 'total', '', revoked, count(*) FROM c WHERE revoked IS NOT NULL GROUP BY track, revoked
    UNION ALL
    -- Certified learners by age band: in at issue, out at revocation, moved on at boundaries.
    SELECT 'learners_band', 'band', band, day, sum(delta)
    FROM (SELECT band, day, delta FROM band_at
          UNION ALL SELECT left_band, day, -n FROM band_boundary
          UNION ALL SELECT right_band, day, n FROM band_boundary) b
    GROUP BY band, day
$$;

-- Adds (sign = 1) or takes away (sign = -1) what `codes` contribute, in every dimension.
-- PL/pgSQL with custom plans, so the planner sees the array itself: a revocation's one code is
-- found by index, an import's 300,000 codes by hash joins (a generic plan guesses ten rows and
-- loops over indexes, 3 s for an import).
CREATE FUNCTION apply_certificate_events(codes text[], sign integer) RETURNS void
LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
BEGIN
    INSERT INTO report_events (target_group, dimension, key, day, delta)
    SELECT e.target_group, e.dimension, e.key, e.day, sign * e.delta
    FROM certificate_events(codes) e
    WHERE e.delta <> 0
    ORDER BY e.dimension, e.target_group, e.day, e.key
    ON CONFLICT (dimension, target_group, day, key) DO UPDATE SET delta = report_events.delta + excluded.delta;
END
$$;
