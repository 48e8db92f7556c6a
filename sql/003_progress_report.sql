-- The progress report's summary, kept exact inside every writing transaction.
--
-- Each certificate contributes +1 to a count from the day it starts counting and -1 from the day
-- it stops (revocation; for the working-age learner target also the 15th birthday and the
-- statutory retirement date). report_events holds those changes summed by group, dimension,
-- key and day, so the figure as of any date D is the sum of the changes dated on or before D:
-- a few thousand rows to add, whatever the number of people. The importer and `hocai revoke`
-- call apply_certificate_events in their own transactions, so the report is never stale.

-- The statutory retirement date (Bộ luật Lao động 2019, Điều 169; Nghị định 135/2020): men
-- 60 years 3 months in 2021 plus 3 months a year up to 62 (2028); women 55 years 4 months in
-- 2021 plus 4 months a year up to 60 (2035); 60 and 55 before 2021. A person retires on the
-- first date that reaches the age in force in that date's year.
CREATE FUNCTION retirement_age_months(sex text, year integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN sex = 'M' THEN 720 + 3 * least(greatest(year - 2020, 0), 8)
                ELSE 660 + 4 * least(greatest(year - 2020, 0), 15) END
$$;

-- The date a person born on date_of_birth reaches the age in force in year y, if that date falls
-- in year y or before (NULL otherwise).
CREATE FUNCTION retirement_candidate(date_of_birth date, sex text, y integer) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN extract(year FROM date_of_birth + make_interval(months => retirement_age_months(sex, y))) <= y
                THEN (date_of_birth + make_interval(months => retirement_age_months(sex, y)))::date END
$$;

-- Candidates never decrease from one year to the next (the age in force rises by at most four
-- months a year while a person ages twelve), so the first year with a candidate gives the date.
-- One expression, so PostgreSQL inlines it: it runs for every certificate an import adds.
CREATE FUNCTION retirement_date(date_of_birth date, sex text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(
        retirement_candidate(date_of_birth, sex, extract(year FROM date_of_birth)::int + 55),
        retirement_candidate(date_of_birth, sex, extract(year FROM date_of_birth)::int + 56),
        retirement_candidate(date_of_birth, sex, extract(year FROM date_of_birth)::int + 57),
        retirement_candidate(date_of_birth, sex, extract(year FROM date_of_birth)::int + 58),
        retirement_candidate(date_of_birth, sex, extract(year FROM date_of_birth)::int + 59),
        retirement_candidate(date_of_birth, sex, extract(year FROM date_of_birth)::int + 60),
        retirement_candidate(date_of_birth, sex, extract(year FROM date_of_birth)::int + 61),
        retirement_candidate(date_of_birth, sex, extract(year FROM date_of_birth)::int + 62))
$$;

CREATE TABLE report_events (
    target_group text NOT NULL,
    dimension text NOT NULL CONSTRAINT report_events_dimension CHECK (dimension IN ('total', 'commune', 'center', 'sex', 'band')),
    key text NOT NULL,
    day date NOT NULL,
    delta bigint NOT NULL,
    -- Day before key: "this dimension and group up to D" is one contiguous index range, which
    -- never touches the future changes (retirements, birthdays) that most rows are.
    PRIMARY KEY (dimension, target_group, day, key)
);

COMMENT ON TABLE report_events IS
    'Changes of each report count by day: the count as of D is the sum of delta over day <= D. '
    'Groups: experts, instructors, learners (working age), certified (learners of any age), '
    'learners_band (certified by age band), participants, revoked_<track>.';

-- The changes a set of certificates make to the counts, given their revocations.
CREATE FUNCTION certificate_events(codes text[])
RETURNS TABLE (target_group text, day date, commune text, center text, sex text, band text, delta integer)
LANGUAGE sql STABLE AS $$
    WITH c AS (
        SELECT x.code, x.track, x.issued_on, p.date_of_birth AS born, p.sex, p.commune_code AS commune,
               COALESCE(x.center_code, cl.center_code, '') AS center, r.revoked_on,
               retirement_date(p.date_of_birth, p.sex) AS retires
        FROM certificates x
        JOIN people p ON p.national_id = x.national_id
        LEFT JOIN classes cl ON cl.id = x.class_id
        LEFT JOIN revocations r ON r.certificate_code = x.code
        WHERE x.code = ANY (codes)
    ),
    spans AS (
        -- Trainers count from issue to revocation.
        SELECT CASE track WHEN 'expert' THEN 'experts' ELSE 'instructors' END AS target_group,
               issued_on AS starts, revoked_on AS ends, commune, center, sex, NULL::text AS band
        FROM c WHERE track <> 'learner'
        UNION ALL
        -- Learners of any age, from the pass to revocation.
        SELECT 'certified', issued_on, revoked_on, commune, center, sex, NULL FROM c WHERE track = 'learner'
        UNION ALL
        -- The target: learners while of working age (15 to retirement).
        SELECT 'learners', greatest(issued_on, (born + interval '15 years')::date),
               least(revoked_on, retires), commune, center, sex, NULL
        FROM c WHERE track = 'learner'
        UNION ALL
        -- Age bands, each a span of life cut to the certificate's span.
        SELECT 'learners_band', greatest(issued_on, b.starts), least(revoked_on, b.ends), NULL, NULL, NULL, b.band
        FROM c CROSS JOIN LATERAL (VALUES
            ('outside', NULL::date, (born + interval '15 years')::date),
            ('15-24', (born + interval '15 years')::date, (born + interval '25 years')::date),
            ('25-34', (born + interval '25 years')::date, (born + interval '35 years')::date),
            ('35-44', (born + interval '35 years')::date, (born + interval '45 years')::date),
            ('45-54', (born + interval '45 years')::date, (born + interval '55 years')::date),
            ('55-retirement', (born + interval '55 years')::date, retires),
            ('outside', retires, NULL::date)) AS b (band, starts, ends)
        WHERE track = 'learner'
        UNION ALL
        -- Revoked certificates, counted from their revocation.
        SELECT 'revoked_' || track::text, revoked_on, NULL, commune, center, sex, NULL FROM c WHERE revoked_on IS NOT NULL
    )
    SELECT s.target_group, e.day, s.commune, s.center, s.sex, s.band, e.delta
    FROM spans s
    CROSS JOIN LATERAL (VALUES (s.starts, 1), (s.ends, -1)) AS e (day, delta)
    -- greatest() and least() skip NULLs, so a span always starts; it may never end.
    WHERE (s.ends IS NULL OR s.starts < s.ends) AND e.day IS NOT NULL
$$;

-- Adds (sign = 1) or takes away (sign = -1) what `codes` contribute, in every dimension: one
-- pass over the events with grouping sets, rather than one copy of every event per dimension.
-- Targets are broken down by commune, centre and sex; age bands by band; the other groups
-- (certified of any age, revoked) are kept as totals only.
CREATE FUNCTION apply_certificate_events(codes text[], sign integer) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO report_events (target_group, dimension, key, day, delta)
    SELECT target_group,
           CASE WHEN GROUPING(commune) = 0 THEN 'commune' WHEN GROUPING(center) = 0 THEN 'center'
                WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(band) = 0 THEN 'band' ELSE 'total' END,
           COALESCE(commune, center, sex, band, ''), day, sign * sum(delta)
    FROM certificate_events(codes)
    GROUP BY GROUPING SETS ((target_group, day), (target_group, day, commune), (target_group, day, center),
                            (target_group, day, sex), (target_group, day, band))
    HAVING CASE WHEN GROUPING(commune, center, sex, band) = 15 THEN target_group <> 'learners_band'
                WHEN GROUPING(band) = 0 THEN band IS NOT NULL
                ELSE target_group IN ('experts', 'instructors', 'learners')
                     AND COALESCE(commune, center, sex) IS NOT NULL END
    ON CONFLICT (dimension, target_group, day, key) DO UPDATE SET delta = report_events.delta + excluded.delta
$$;

-- Participants: each person counts once, from their first enrolment in a learner class (the
-- enrolment date, or the day it was imported where the roster gave none).
CREATE TABLE participants (
    national_id national_id PRIMARY KEY,
    first_day date NOT NULL
);
