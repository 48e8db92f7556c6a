-- Why a working-age count falls: certified learners reach retirement age and stop counting
-- toward the target, though no one lost a certificate. The report says how many did over its
-- pace window; this counts them from the people retiring in that window (an index on the
-- retirement date finds them), for officials, who may read counts and no person.

CREATE INDEX people_retirement ON people (retirement_date(date_of_birth, sex));

-- Holders of a valid learner certificate issued before their retirement date, which falls in
-- (since, until]: those the learners' target stopped counting for their age in that window.
CREATE FUNCTION learners_reaching_retirement(since date, until date) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT count(*)
    FROM people p
    WHERE retirement_date(p.date_of_birth, p.sex) > since AND retirement_date(p.date_of_birth, p.sex) <= until
      AND EXISTS (SELECT 1 FROM certificates c
                  WHERE c.national_id = p.national_id AND c.track = 'learner' AND NOT c.revoked
                    AND c.issued_on < retirement_date(p.date_of_birth, p.sex))
$$;

REVOKE EXECUTE ON FUNCTION learners_reaching_retirement(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION learners_reaching_retirement(date, date) TO hocai_official, hocai_admin;
