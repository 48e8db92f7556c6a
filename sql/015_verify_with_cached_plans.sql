-- Public verification planned once per connection, not once per call.
--
-- verify_certificate was a SECURITY DEFINER SQL function: never inlined, so its body (the
-- certificate, its holder, class, centre, issuer and revocation, and the earliest valid pass
-- through valid_evidence) was planned again on every call: 14 ms of planning against 2-5 ms of
-- execution on a 3.2M-person register (docs/benchmarks.md). As PL/pgSQL, the same query is
-- prepared once per session and its plan kept (a server's pooled connections keep theirs).
--
-- Most of what remained was masked_name: a SQL function with a subquery, so never inlined, and
-- its body planned again for each of its two calls in every verification. It is now one
-- expression (the same answer for every name: checked on the 3,000,000 of the benchmarks'
-- register), which the planner inlines.
CREATE OR REPLACE FUNCTION masked_name(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN strpos(name, ' ') = 0 THEN left(name, 1) || '.'
                ELSE split_part(name, ' ', 1) || regexp_replace(substr(name, strpos(name, ' ')), ' (\S)\S*', ' \1.', 'g') END
$$;

-- Same arguments (by position), answers and grants; the first pass date is still computed from
-- the evidence, so it is exact whatever order the records arrived in. PL/pgSQL will not have an
-- argument share its name with an answer's column (`code`), so the arguments are renamed, which
-- takes a DROP and a CREATE.
DROP FUNCTION verify_certificate(text, date);
CREATE FUNCTION verify_certificate(certificate text, on_date date)
RETURNS TABLE (code text, track text, issued_on date, holder text, holder_id text, center_code text, center_name text,
               class_code text, issuer text, revoked_on date, reason text, revoked_class text, first_passed_on date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT c.code, c.track::text, c.issued_on, masked_name(p.full_name), masked_national_id(p.national_id),
           COALESCE(c.center_code, cl.center_code), tc.name, cl.code, masked_name(ip.full_name), r.revoked_on, r.reason, rc.code,
           CASE WHEN NOT c.revoked THEN (SELECT min(e.day) FROM valid_evidence(c.national_id, ARRAY[c.track], on_date) e) END
    FROM certificates c
    JOIN people p ON p.national_id = c.national_id
    LEFT JOIN classes cl ON cl.id = c.class_id
    LEFT JOIN training_centers tc ON tc.code = COALESCE(c.center_code, cl.center_code)
    LEFT JOIN people ip ON ip.national_id = c.issued_by
    LEFT JOIN revocations r ON r.certificate_code = c.code
    LEFT JOIN classes rc ON rc.id = r.class_id
    WHERE c.code = certificate;
END
$$;

REVOKE EXECUTE ON FUNCTION verify_certificate(text, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION verify_certificate(text, date) TO hocai_public, hocai_admin, hocai_official, hocai_centre, hocai_instructor;
