--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: certificate_track; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.certificate_track AS ENUM (
    'expert',
    'instructor',
    'learner'
);

--
-- Name: class_track; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.class_track AS ENUM (
    'expert_to_instructor',
    'instructor_to_learner'
);

--
-- Name: commune_code; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.commune_code AS text
	CONSTRAINT commune_code_official CHECK ((VALUE = ANY (ARRAY['05443'::text, '05710'::text, '05500'::text, '05467'::text, '05455'::text, '05482'::text, '05503'::text, '05488'::text, '05830'::text, '05776'::text, '05800'::text, '05818'::text, '05788'::text, '05809'::text, '05851'::text, '05845'::text, '05773'::text, '05860'::text, '05890'::text, '05899'::text, '05857'::text, '05881'::text, '05908'::text, '05923'::text, '05941'::text, '05953'::text, '05917'::text, '05692'::text, '05674'::text, '05662'::text, '05707'::text, '05680'::text, '05665'::text, '05518'::text, '05533'::text, '05528'::text, '05611'::text, '05641'::text, '05620'::text, '05632'::text, '05569'::text, '05587'::text, '05581'::text, '05563'::text, '05602'::text, '05605'::text, '05551'::text, '05542'::text, '05716'::text, '05719'::text, '05755'::text, '05722'::text, '05725'::text, '05740'::text, '05746'::text, '01864'::text, '01882'::text, '01879'::text, '01906'::text, '01912'::text, '01894'::text, '01921'::text, '01933'::text, '02116'::text, '01942'::text, '01954'::text, '01936'::text, '01960'::text, '02026'::text, '02038'::text, '02044'::text, '02020'::text, '02083'::text, '02071'::text, '01969'::text, '02008'::text, '01981'::text, '02014'::text, '01849'::text, '01840'::text, '01843'::text, '02143'::text, '02152'::text, '02155'::text, '02176'::text, '02185'::text, '02191'::text, '02104'::text, '02101'::text, '02107'::text, '02086'::text, '01957'::text])));

--
-- Name: national_id; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.national_id AS text
	CONSTRAINT national_id_format CHECK (((octet_length(VALUE) = 12) AND (ltrim(VALUE, '0123456789'::text) = ''::text) AND ("left"(VALUE, 3) = ANY (ARRAY['001'::text, '002'::text, '004'::text, '006'::text, '008'::text, '010'::text, '011'::text, '012'::text, '014'::text, '015'::text, '017'::text, '019'::text, '020'::text, '022'::text, '024'::text, '025'::text, '026'::text, '027'::text, '030'::text, '031'::text, '033'::text, '034'::text, '035'::text, '036'::text, '037'::text, '038'::text, '040'::text, '042'::text, '044'::text, '045'::text, '046'::text, '048'::text, '049'::text, '051'::text, '052'::text, '054'::text, '056'::text, '058'::text, '060'::text, '062'::text, '064'::text, '066'::text, '067'::text, '068'::text, '070'::text, '072'::text, '074'::text, '075'::text, '077'::text, '079'::text, '080'::text, '082'::text, '083'::text, '084'::text, '086'::text, '087'::text, '089'::text, '091'::text, '092'::text, '093'::text, '094'::text, '095'::text, '096'::text]))));

--
-- Name: account_by_id(bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.account_by_id(id bigint) RETURNS TABLE(id bigint, login text, role text, center_code text, national_id text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT a.id, a.login, a.role, a.center_code, a.national_id FROM accounts a
    WHERE a.id = account_by_id.id AND a.disabled_at IS NULL
$$;

--
-- Name: analyze_register(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.analyze_register(tables text[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY tables LOOP
        IF name IN ('people', 'classes', 'enrolments', 'participants', 'certificates', 'completions', 'accreditations', 'report_events') THEN
            EXECUTE format('ANALYZE public.%I', name);
        END IF;
    END LOOP;
END
$$;

--
-- Name: apply_person_events(text[], integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.apply_person_events(ids text[], sign integer) RETURNS void
    LANGUAGE plpgsql
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
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

--
-- Name: assign_status_entry(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.assign_status_entry(code text) RETURNS TABLE(list integer, status_index integer)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
DECLARE
    current_list integer;
    candidate integer;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM certificates c WHERE c.code = assign_status_entry.code) THEN
        RAISE EXCEPTION 'no certificate has this code' USING ERRCODE = 'no_data_found';
    END IF;
    -- One assignment at a time: the list's fill and the free index are read and taken together.
    PERFORM pg_advisory_xact_lock(7243011);
    RETURN QUERY SELECT e.list, e.status_index FROM status_list_entries e WHERE e.certificate_code = assign_status_entry.code;
    IF FOUND THEN
        RETURN;
    END IF;
    SELECT 1 + count(*) / 524288 INTO current_list FROM status_list_entries;
    LOOP
        candidate := floor(random() * 1048576)::integer;
        EXIT WHEN NOT EXISTS (SELECT 1 FROM status_list_entries e WHERE e.list = current_list AND e.status_index = candidate);
    END LOOP;
    INSERT INTO status_list_entries (certificate_code, list, status_index) VALUES (assign_status_entry.code, current_list, candidate);
    RETURN QUERY SELECT current_list, candidate;
END
$$;

--
-- Name: bump_status_list_state(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.bump_status_list_state() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
BEGIN
    UPDATE status_list_state SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

--
-- Name: certificate_unchanged(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.certificate_unchanged() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: check_references(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.check_references() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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
    EXECUTE format('SELECT count(*) FROM new_rows n WHERE %s AND NOT EXISTS (SELECT 1 FROM %I.%I p WHERE %s)',
                   not_null, TG_TABLE_SCHEMA, TG_ARGV[2], matches)
    INTO missing;
    IF missing > 0 THEN
        RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', TG_TABLE_NAME, TG_ARGV[0]
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[0], TABLE = TG_TABLE_NAME,
                  DETAIL = format('%s row(s) name a missing row of %s.', missing, TG_ARGV[2]);
    END IF;
    RETURN NULL;
END
$$;

--
-- Name: end_session(bytea); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.end_session(token_sha256 bytea) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    UPDATE sessions SET ended_at = now() WHERE sessions.token_sha256 = end_session.token_sha256 AND ended_at IS NULL
$$;

--
-- Name: hocai_actor(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.hocai_actor() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT COALESCE(NULLIF(current_setting('hocai.actor', true), ''), session_user)
$$;

--
-- Name: hocai_scope_account(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.hocai_scope_account() RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT NULLIF(current_setting('hocai.account_id', true), '')::bigint
$$;

--
-- Name: hocai_scope_center(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.hocai_scope_center() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT NULLIF(current_setting('hocai.center', true), '')
$$;

--
-- Name: hocai_scope_instructor(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.hocai_scope_instructor() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT NULLIF(current_setting('hocai.national_id', true), '')
$$;

--
-- Name: holds_valid_certificate(text, public.certificate_track[], date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.holds_valid_certificate(person text, tracks public.certificate_track[], on_date date) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    SELECT EXISTS (SELECT 1 FROM valid_evidence(person, tracks, on_date))
$$;

--
-- Name: identity_holds_decided_once(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.identity_holds_decided_once() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: import_batch_finishing(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.import_batch_finishing() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: learners_reaching_retirement(date, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.learners_reaching_retirement(since date, until date) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT count(*)
    FROM people p
    WHERE retirement_date(p.date_of_birth, p.sex) > since AND retirement_date(p.date_of_birth, p.sex) <= until
      AND EXISTS (SELECT 1 FROM certificates c
                  WHERE c.national_id = p.national_id AND c.track = 'learner' AND NOT c.revoked
                    AND c.issued_on < retirement_date(p.date_of_birth, p.sex))
$$;

--
-- Name: login_account(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.login_account(login text) RETURNS TABLE(id bigint, password_hash text, disabled boolean)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT a.id, a.password_hash, a.disabled_at IS NOT NULL FROM accounts a WHERE a.login = login_account.login
$$;

--
-- Name: mark_certificate_revoked(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.mark_certificate_revoked() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
BEGIN
    UPDATE certificates SET revoked = true WHERE code = NEW.certificate_code;
    RETURN NULL;
END
$$;

--
-- Name: masked_name(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.masked_name(name text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN strpos(name, ' ') = 0 THEN left(name, 1) || '.'
                ELSE split_part(name, ' ', 1) || regexp_replace(substr(name, strpos(name, ' ')), ' (\S)\S*', ' \1.', 'g') END
$$;

--
-- Name: masked_national_id(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.masked_national_id(id text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT left(id, 3) || '*******' || right(id, 2)
$$;

--
-- Name: people_with_open_conflicts(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.people_with_open_conflicts() RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT count(DISTINCT national_id) FROM identity_holds WHERE status = 'open'
$$;

--
-- Name: person_events(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.person_events(ids text[]) RETURNS TABLE(target_group text, dimension text, key text, day date, delta bigint)
    LANGUAGE sql STABLE
    AS $$
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

--
-- Name: public_url(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.public_url() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT public_url FROM publication WHERE id = 1
$$;

--
-- Name: recent_auth_failures(text, interval); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.recent_auth_failures(subject text, window_length interval) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT count(*) FROM auth_failures f WHERE f.subject = recent_auth_failures.subject AND f.failed_at > now() - window_length
$$;

--
-- Name: record_auth_failure(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.record_auth_failure(subject text) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    INSERT INTO auth_failures (subject) VALUES (subject);
    DELETE FROM auth_failures WHERE failed_at < now() - interval '1 day';
$$;

--
-- Name: refresh_first_passes(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.refresh_first_passes(ids text[]) RETURNS void
    LANGUAGE plpgsql
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
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

--
-- Name: refuse_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

--
-- Name: report_changed(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.report_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE report_state SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

--
-- Name: retirement_age_months(text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.retirement_age_months(sex text, year integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN sex = 'M' THEN 720 + 3 * least(greatest(year - 2020, 0), 8)
                ELSE 660 + 4 * least(greatest(year - 2020, 0), 15) END
$$;

--
-- Name: retirement_candidate(date, text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.retirement_candidate(date_of_birth date, sex text, y integer) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN extract(year FROM date_of_birth + make_interval(months => retirement_age_months(sex, y))) <= y
                THEN (date_of_birth + make_interval(months => retirement_age_months(sex, y)))::date END
$$;

--
-- Name: retirement_date(date, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.retirement_date(date_of_birth date, sex text) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
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

--
-- Name: revocation_scope(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.revocation_scope() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: schema_version(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.schema_version() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT max(version) FROM schema_migrations
$$;

--
-- Name: session_account(bytea); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.session_account(token_sha256 bytea) RETURNS TABLE(id bigint, login text, role text, center_code text, national_id text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT a.id, a.login, a.role, a.center_code, a.national_id
    FROM sessions s JOIN accounts a ON a.id = s.account_id
    WHERE s.token_sha256 = session_account.token_sha256 AND s.ended_at IS NULL AND s.expires_at > now()
      AND a.disabled_at IS NULL
$$;

--
-- Name: start_session(bigint, bytea, interval); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.start_session(account bigint, token_sha256 bytea, lifetime interval) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    INSERT INTO sessions (token_sha256, account_id, expires_at) VALUES (token_sha256, account, now() + lifetime);
    INSERT INTO audit_log (action, subject, actor) SELECT 'session.start', 'account:' || a.login, 'account:' || a.login FROM accounts a WHERE a.id = account;
$$;

--
-- Name: status_list_revoked(integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.status_list_revoked(list integer) RETURNS SETOF integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT e.status_index FROM status_list_entries e JOIN certificates c ON c.code = e.certificate_code
    WHERE e.list = status_list_revoked.list AND c.revoked
$$;

--
-- Name: status_list_version(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.status_list_version() RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT version FROM status_list_state WHERE id = 1
$$;

--
-- Name: token_account(bytea); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.token_account(token_sha256 bytea) RETURNS TABLE(id bigint, login text, role text, center_code text, national_id text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
    SELECT a.id, a.login, a.role, a.center_code, a.national_id
    FROM api_tokens t JOIN accounts a ON a.id = t.account_id
    WHERE t.token_sha256 = token_account.token_sha256 AND t.revoked_at IS NULL AND a.disabled_at IS NULL
$$;

--
-- Name: valid_evidence(text, public.certificate_track[], date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.valid_evidence(person text, tracks public.certificate_track[], on_date date) RETURNS TABLE(track public.certificate_track, day date, class_id bigint, class_code text, center_code text, issuer text)
    LANGUAGE sql STABLE
    AS $$
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

--
-- Name: verify_certificate(text, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.verify_certificate(certificate text, on_date date) RETURNS TABLE(code text, track text, issued_on date, holder text, holder_id text, center_code text, center_name text, class_code text, issuer text, revoked_on date, reason text, revoked_class text, first_passed_on date)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
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

SET default_table_access_method = heap;

--
-- Name: accounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accounts (
    id bigint NOT NULL,
    login text NOT NULL,
    role text NOT NULL,
    center_code text,
    national_id public.national_id,
    password_hash text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by text DEFAULT public.hocai_actor() NOT NULL,
    disabled_at timestamp with time zone,
    CONSTRAINT accounts_login_format CHECK ((login ~ '^[a-z0-9][a-z0-9._-]{2,63}$'::text)),
    CONSTRAINT accounts_password_bcrypt CHECK ((password_hash ~ '^\$2[abxy]\$[0-9]{2}\$.{53}$'::text)),
    CONSTRAINT accounts_role CHECK ((role = ANY (ARRAY['admin'::text, 'official'::text, 'centre'::text, 'instructor'::text]))),
    CONSTRAINT accounts_scope CHECK ((((role = 'centre'::text) = (center_code IS NOT NULL)) AND ((role = 'instructor'::text) = (national_id IS NOT NULL))))
);

--
-- Name: accounts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.accounts ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.accounts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: accreditations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accreditations (
    national_id public.national_id NOT NULL,
    track public.certificate_track NOT NULL,
    certified_on date NOT NULL,
    trained_by public.national_id,
    center_code text,
    certificate_code text NOT NULL,
    batch_id bigint,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    recorded_by text DEFAULT public.hocai_actor(),
    CONSTRAINT accreditations_expert CHECK (((track = 'expert'::public.certificate_track) = (trained_by IS NULL))),
    CONSTRAINT accreditations_expert_center CHECK (((track = 'expert'::public.certificate_track) = (center_code IS NULL))),
    CONSTRAINT accreditations_not_self CHECK (((trained_by)::text IS DISTINCT FROM (national_id)::text)),
    CONSTRAINT accreditations_trainer_track CHECK ((track = ANY (ARRAY['expert'::public.certificate_track, 'instructor'::public.certificate_track])))
);

--
-- Name: TABLE accreditations; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.accreditations IS 'A trainer''s evidence: each roster row that certified a provincial expert or a core instructor. The person counts from their earliest accreditation not voided by a revocation.';

--
-- Name: api_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_tokens (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    token_sha256 bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by text DEFAULT public.hocai_actor() NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT api_tokens_sha256 CHECK ((octet_length(token_sha256) = 32))
);

--
-- Name: api_tokens_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.api_tokens ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.api_tokens_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    actor text DEFAULT public.hocai_actor() NOT NULL,
    action text NOT NULL,
    subject text,
    details jsonb DEFAULT '{}'::jsonb NOT NULL
);

--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.audit_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: auth_failures; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.auth_failures (
    subject text NOT NULL,
    failed_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: cccd_provinces; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cccd_provinces (
    code text NOT NULL,
    name text NOT NULL,
    CONSTRAINT cccd_provinces_code_format CHECK ((code ~ '^[0-9]{3}$'::text))
);

--
-- Name: TABLE cccd_provinces; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.cccd_provinces IS 'The 63 province codes that open a 12-digit CCCD (where the birth was registered).';

--
-- Name: certificates; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.certificates (
    code text NOT NULL,
    national_id public.national_id NOT NULL,
    track public.certificate_track NOT NULL,
    issued_on date NOT NULL,
    issued_by public.national_id,
    class_id bigint,
    center_code text,
    batch_id bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    revoked boolean DEFAULT false NOT NULL,
    CONSTRAINT certificates_code_format CHECK (((octet_length(code) = 12) AND (ltrim(code, '0123456789ABCDEFGHJKMNPQRSTVWXYZ'::text) = ''::text))),
    CONSTRAINT certificates_issuer CHECK (((track = 'expert'::public.certificate_track) = (issued_by IS NULL))),
    CONSTRAINT certificates_learner_center CHECK (((track <> 'learner'::public.certificate_track) OR (center_code IS NULL))),
    CONSTRAINT certificates_learner_class CHECK (((track = 'learner'::public.certificate_track) = (class_id IS NOT NULL))),
    CONSTRAINT certificates_not_self_issued CHECK (((issued_by)::text IS DISTINCT FROM (national_id)::text))
);

--
-- Name: classes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.classes (
    id bigint NOT NULL,
    code text NOT NULL,
    track public.class_track NOT NULL,
    center_code text NOT NULL,
    instructor_id public.national_id NOT NULL,
    starts_on date,
    ends_on date,
    batch_id bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT classes_code_format CHECK ((code ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$'::text)),
    CONSTRAINT classes_dates CHECK ((ends_on >= starts_on))
);

--
-- Name: classes_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.classes ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.classes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: communes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.communes (
    code text NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    "position" smallint NOT NULL,
    CONSTRAINT communes_code_format CHECK ((code ~ '^[0-9]{5}$'::text)),
    CONSTRAINT communes_kind CHECK ((kind = ANY (ARRAY['phuong'::text, 'xa'::text]))),
    CONSTRAINT communes_name_nfc CHECK (((name IS NFC NORMALIZED) AND (btrim(name) = name) AND (name <> ''::text)))
);

--
-- Name: TABLE communes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.communes IS 'Commune-level units (xã/phường) of Thái Nguyên from 2025-07-01; code is the official 5-digit code, kept as text.';

--
-- Name: completions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.completions (
    class_id bigint NOT NULL,
    national_id public.national_id NOT NULL,
    result text NOT NULL,
    score numeric(5,2),
    completed_on date NOT NULL,
    issued_by public.national_id NOT NULL,
    certificate_code text,
    batch_id bigint,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    recorded_by text DEFAULT public.hocai_actor(),
    CONSTRAINT completions_pass_has_certificate CHECK (((result = 'pass'::text) = (certificate_code IS NOT NULL))),
    CONSTRAINT completions_result CHECK ((result = ANY (ARRAY['pass'::text, 'fail'::text]))),
    CONSTRAINT completions_score_range CHECK (((score >= (0)::numeric) AND (score <= (100)::numeric)))
);

--
-- Name: COLUMN completions.recorded_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.completions.recorded_by IS 'The account (or database user) that recorded it; NULL before sql/010.';

--
-- Name: enrolments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.enrolments (
    class_id bigint NOT NULL,
    national_id public.national_id NOT NULL,
    enrolled_on date,
    batch_id bigint,
    roster_fingerprint bytea,
    CONSTRAINT enrolments_roster_fingerprint_length CHECK ((octet_length(roster_fingerprint) = 16))
);

--
-- Name: COLUMN enrolments.roster_fingerprint; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.enrolments.roster_fingerprint IS 'SHA-256 (first 16 bytes) of the learner roster row that last wrote this enrolment, with its centre and header; a row sent again with the same fingerprint is unchanged and skipped.';

--
-- Name: first_passes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.first_passes (
    national_id public.national_id NOT NULL,
    track public.certificate_track NOT NULL,
    first_passed_on date,
    settled_on date NOT NULL,
    CONSTRAINT first_passes_settled CHECK ((first_passed_on <= settled_on))
);

--
-- Name: identity_holds; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.identity_holds (
    id bigint NOT NULL,
    batch_id bigint NOT NULL,
    kind text NOT NULL,
    center_code text,
    line integer NOT NULL,
    national_id public.national_id NOT NULL,
    full_name text NOT NULL,
    name_key text NOT NULL,
    date_of_birth date NOT NULL,
    differs text NOT NULL,
    cause text,
    row_data jsonb NOT NULL,
    row_key text NOT NULL,
    held_at timestamp with time zone DEFAULT now() NOT NULL,
    status text DEFAULT 'open'::text NOT NULL,
    resolved_at timestamp with time zone,
    resolved_by text,
    applied_batch_id bigint,
    return_code text,
    CONSTRAINT identity_holds_center CHECK (((kind = 'experts'::text) = (center_code IS NULL))),
    CONSTRAINT identity_holds_differs CHECK ((differs = ANY (ARRAY['full_name'::text, 'date_of_birth'::text, 'both'::text, 'enrolment'::text]))),
    CONSTRAINT identity_holds_enrolment CHECK (((kind = 'completions'::text) = (differs = 'enrolment'::text))),
    CONSTRAINT identity_holds_kind CHECK ((kind = ANY (ARRAY['experts'::text, 'instructors'::text, 'learners'::text, 'completions'::text]))),
    CONSTRAINT identity_holds_line CHECK ((line > 1)),
    CONSTRAINT identity_holds_resolution CHECK ((((status = 'open'::text) AND (resolved_at IS NULL) AND (applied_batch_id IS NULL) AND (return_code IS NULL)) OR ((status = 'applied'::text) AND (resolved_at IS NOT NULL) AND (applied_batch_id IS NOT NULL) AND (return_code IS NULL)) OR ((status = 'returned'::text) AND (resolved_at IS NOT NULL) AND (applied_batch_id IS NULL) AND (return_code IS NOT NULL)))),
    CONSTRAINT identity_holds_status CHECK ((status = ANY (ARRAY['open'::text, 'applied'::text, 'returned'::text])))
);

--
-- Name: TABLE identity_holds; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.identity_holds IS 'A roster row held because its CCCD is registered with another name or date of birth, until an administrator decides (applied or returned to its centre).';

--
-- Name: identity_holds_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.identity_holds ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.identity_holds_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: import_batches; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.import_batches (
    id bigint NOT NULL,
    kind text NOT NULL,
    file_name text NOT NULL,
    sha256 text NOT NULL,
    center_code text,
    run_by text DEFAULT public.hocai_actor() NOT NULL,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    finished_at timestamp with time zone,
    rows_read integer DEFAULT 0 NOT NULL,
    accepted integer DEFAULT 0 NOT NULL,
    rejected integer DEFAULT 0 NOT NULL,
    inserted integer DEFAULT 0 NOT NULL,
    updated integer DEFAULT 0 NOT NULL,
    unchanged integer DEFAULT 0 NOT NULL,
    duplicates integer DEFAULT 0 NOT NULL,
    warnings integer DEFAULT 0 NOT NULL,
    held integer DEFAULT 0 NOT NULL,
    CONSTRAINT import_batches_accepted_check CHECK ((accepted >= 0)),
    CONSTRAINT import_batches_counts CHECK ((((accepted + rejected) + held) <= rows_read)),
    CONSTRAINT import_batches_duplicates_check CHECK ((duplicates >= 0)),
    CONSTRAINT import_batches_held_check CHECK ((held >= 0)),
    CONSTRAINT import_batches_inserted_check CHECK ((inserted >= 0)),
    CONSTRAINT import_batches_kind CHECK ((kind = ANY (ARRAY['experts'::text, 'instructors'::text, 'learners'::text, 'completions'::text]))),
    CONSTRAINT import_batches_rejected_check CHECK ((rejected >= 0)),
    CONSTRAINT import_batches_rows_read_check CHECK ((rows_read >= 0)),
    CONSTRAINT import_batches_sha256_format CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT import_batches_unchanged_check CHECK ((unchanged >= 0)),
    CONSTRAINT import_batches_updated_check CHECK ((updated >= 0)),
    CONSTRAINT import_batches_warnings_check CHECK ((warnings >= 0))
);

--
-- Name: import_batches_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.import_batches ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.import_batches_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: import_job_progress; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.import_job_progress (
    job_id uuid NOT NULL,
    rows_read bigint NOT NULL,
    bytes_read bigint NOT NULL,
    total_bytes bigint NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT import_job_progress_bytes CHECK ((bytes_read >= 0)),
    CONSTRAINT import_job_progress_rows CHECK ((rows_read >= 0)),
    CONSTRAINT import_job_progress_total CHECK ((total_bytes >= 0))
);

--
-- Name: import_job_rejects; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.import_job_rejects (
    job_id uuid NOT NULL,
    part integer NOT NULL,
    content bytea NOT NULL,
    CONSTRAINT import_job_rejects_part CHECK ((part >= 0))
);

--
-- Name: import_jobs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.import_jobs (
    id uuid NOT NULL,
    kind text NOT NULL,
    center_code text,
    account_id bigint NOT NULL,
    file_name text NOT NULL,
    size bigint NOT NULL,
    dry_run boolean DEFAULT false NOT NULL,
    all_or_nothing boolean DEFAULT false NOT NULL,
    status text DEFAULT 'queued'::text NOT NULL,
    summary jsonb,
    error jsonb,
    has_rejects boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    server_id text,
    lease_until timestamp with time zone,
    CONSTRAINT import_jobs_kind CHECK ((kind = ANY (ARRAY['experts'::text, 'instructors'::text, 'learners'::text, 'completions'::text]))),
    CONSTRAINT import_jobs_size_check CHECK ((size >= 0)),
    CONSTRAINT import_jobs_status CHECK ((status = ANY (ARRAY['queued'::text, 'running'::text, 'done'::text, 'failed'::text])))
);

--
-- Name: participants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.participants (
    national_id public.national_id NOT NULL,
    first_day date NOT NULL
);

--
-- Name: people; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.people (
    national_id public.national_id NOT NULL,
    full_name text NOT NULL,
    name_key text NOT NULL,
    date_of_birth date NOT NULL,
    sex text NOT NULL,
    phone text,
    commune_code public.commune_code NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    commune_as_of date,
    commune_source text DEFAULT ''::text NOT NULL,
    CONSTRAINT people_date_of_birth_range CHECK ((date_of_birth >= '1900-01-01'::date)),
    CONSTRAINT people_full_name_clean CHECK (((full_name IS NFC NORMALIZED) AND (full_name = btrim(full_name)) AND (full_name <> ''::text) AND (full_name !~ '[0-9[:cntrl:]]|  '::text) AND ("left"(full_name, 1) <> ALL (ARRAY['='::text, '+'::text, '-'::text, '@'::text])))),
    CONSTRAINT people_full_name_visible CHECK (((char_length(full_name) <= 100) AND (full_name !~ '[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]'::text) AND (NOT (("left"(full_name, 1) = ''''::text) AND (substr(full_name, 2, 1) = ANY (ARRAY['='::text, '+'::text, '-'::text, '@'::text])))))),
    CONSTRAINT people_national_id_matches_birth_and_sex CHECK (((substr((national_id)::text, 4, 3))::integer = ((((((EXTRACT(year FROM date_of_birth))::integer / 100) - 19) * 200) +
CASE sex
    WHEN 'F'::text THEN 100
    ELSE 0
END) + ((EXTRACT(year FROM date_of_birth))::integer % 100)))),
    CONSTRAINT people_phone_e164 CHECK (((octet_length(phone) = 12) AND ("left"(phone, 3) = '+84'::text) AND (substr(phone, 4, 1) = ANY (ARRAY['3'::text, '5'::text, '7'::text, '8'::text, '9'::text])) AND (ltrim(substr(phone, 5), '0123456789'::text) = ''::text))),
    CONSTRAINT people_sex CHECK ((sex = ANY (ARRAY['M'::text, 'F'::text])))
);

--
-- Name: COLUMN people.commune_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.people.commune_source IS 'The centre (empty: the province) whose roster row set commune_code, dated commune_as_of.';

--
-- Name: people_identity_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.people_identity_history (
    national_id public.national_id NOT NULL,
    full_name text NOT NULL,
    name_key text NOT NULL,
    date_of_birth date NOT NULL,
    replaced_at timestamp with time zone DEFAULT now() NOT NULL,
    replaced_by text DEFAULT public.hocai_actor() NOT NULL,
    hold_id bigint NOT NULL
);

--
-- Name: TABLE people_identity_history; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.people_identity_history IS 'A person''s former name and date of birth, replaced by an administrator''s decision on an identity conflict; append-only.';

--
-- Name: person_aliases; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.person_aliases (
    national_id public.national_id NOT NULL,
    name_key text NOT NULL,
    date_of_birth date NOT NULL,
    decided_at timestamp with time zone DEFAULT now() NOT NULL,
    decided_by text DEFAULT public.hocai_actor() NOT NULL
);

--
-- Name: TABLE person_aliases; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.person_aliases IS 'A name (matching key) and date of birth decided to be the person''s though the register spells them otherwise; rows with them are not held again.';

--
-- Name: publication; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.publication (
    id integer DEFAULT 1 NOT NULL,
    public_url text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by text DEFAULT public.hocai_actor() NOT NULL,
    CONSTRAINT publication_one_row CHECK ((id = 1)),
    CONSTRAINT publication_public_url CHECK (((public_url ~ '^https?://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._~%-]+)*$'::text) AND (char_length(public_url) <= 200)))
);

--
-- Name: TABLE publication; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.publication IS 'The service''s public address (one row): verify links and credentials name it; set with `hocai public-url`.';

--
-- Name: report_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.report_events (
    target_group text NOT NULL,
    dimension text NOT NULL,
    key text NOT NULL,
    day date NOT NULL,
    delta bigint NOT NULL,
    CONSTRAINT report_events_dimension CHECK ((dimension = ANY (ARRAY['total'::text, 'commune'::text, 'center'::text, 'sex'::text, 'band'::text])))
);

--
-- Name: TABLE report_events; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.report_events IS 'Changes of each report count by day: the count as of D is the sum of delta over day <= D. Groups: experts, instructors, learners (working age), certified (learners of any age), learners_band (certified by age band), participants, revoked_<track>.';

--
-- Name: report_state; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.report_state (
    id integer NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT report_state_one CHECK ((id = 1))
);

--
-- Name: revocations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.revocations (
    certificate_code text NOT NULL,
    reason text NOT NULL,
    revoked_on date DEFAULT CURRENT_DATE NOT NULL,
    revoked_at timestamp with time zone DEFAULT now() NOT NULL,
    revoked_by text DEFAULT public.hocai_actor() NOT NULL,
    national_id public.national_id NOT NULL,
    track public.certificate_track NOT NULL,
    class_id bigint,
    CONSTRAINT revocations_learner_class CHECK (((track = 'learner'::public.certificate_track) = (class_id IS NOT NULL))),
    CONSTRAINT revocations_reason CHECK ((btrim(reason) <> ''::text))
);

--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    applied_by text DEFAULT CURRENT_USER NOT NULL
);

--
-- Name: sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sessions (
    token_sha256 bytea NOT NULL,
    account_id bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    CONSTRAINT sessions_sha256 CHECK ((octet_length(token_sha256) = 32))
);

--
-- Name: status_list_entries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.status_list_entries (
    certificate_code text NOT NULL,
    list integer NOT NULL,
    status_index integer NOT NULL,
    assigned_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT status_list_entries_index CHECK (((status_index >= 0) AND (status_index < 1048576))),
    CONSTRAINT status_list_entries_list CHECK ((list >= 1))
);

--
-- Name: TABLE status_list_entries; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.status_list_entries IS 'A certificate''s place in a revocation status list (list, index), given when a credential is first signed for it; append-only.';

--
-- Name: status_list_state; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.status_list_state (
    id integer NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT status_list_state_one CHECK ((id = 1))
);

--
-- Name: targets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.targets (
    target_group text NOT NULL,
    value integer NOT NULL,
    deadline date NOT NULL,
    description text NOT NULL,
    CONSTRAINT targets_group CHECK ((target_group = ANY (ARRAY['experts'::text, 'instructors'::text, 'learners'::text]))),
    CONSTRAINT targets_value_positive CHECK ((value > 0))
);

--
-- Name: training_centers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.training_centers (
    code text NOT NULL,
    name text NOT NULL,
    commune_code text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT training_centers_code_format CHECK ((code ~ '^[A-Z0-9][A-Z0-9_-]{1,31}$'::text)),
    CONSTRAINT training_centers_name_clean CHECK (((name IS NFC NORMALIZED) AND (name = btrim(name)) AND (name <> ''::text)))
);

--
-- Name: accounts accounts_login_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_login_key UNIQUE (login);

--
-- Name: accounts accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);

--
-- Name: api_tokens api_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_pkey PRIMARY KEY (id);

--
-- Name: api_tokens api_tokens_token_sha256_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_token_sha256_key UNIQUE (token_sha256);

--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);

--
-- Name: cccd_provinces cccd_provinces_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cccd_provinces
    ADD CONSTRAINT cccd_provinces_pkey PRIMARY KEY (code);

--
-- Name: certificates certificates_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.certificates
    ADD CONSTRAINT certificates_pkey PRIMARY KEY (code);

--
-- Name: classes classes_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.classes
    ADD CONSTRAINT classes_code_key UNIQUE (code);

--
-- Name: classes classes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.classes
    ADD CONSTRAINT classes_pkey PRIMARY KEY (id);

--
-- Name: communes communes_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.communes
    ADD CONSTRAINT communes_name_key UNIQUE (name);

--
-- Name: communes communes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.communes
    ADD CONSTRAINT communes_pkey PRIMARY KEY (code);

--
-- Name: communes communes_position_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.communes
    ADD CONSTRAINT communes_position_key UNIQUE ("position");

--
-- Name: completions completions_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.completions
    ADD CONSTRAINT completions_once PRIMARY KEY (class_id, national_id, result, completed_on);

--
-- Name: enrolments enrolments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enrolments
    ADD CONSTRAINT enrolments_pkey PRIMARY KEY (class_id, national_id);

--
-- Name: first_passes first_passes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.first_passes
    ADD CONSTRAINT first_passes_pkey PRIMARY KEY (national_id, track);

--
-- Name: identity_holds identity_holds_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.identity_holds
    ADD CONSTRAINT identity_holds_pkey PRIMARY KEY (id);

--
-- Name: import_batches import_batches_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_batches
    ADD CONSTRAINT import_batches_pkey PRIMARY KEY (id);

--
-- Name: import_job_progress import_job_progress_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_job_progress
    ADD CONSTRAINT import_job_progress_pkey PRIMARY KEY (job_id);

--
-- Name: import_job_rejects import_job_rejects_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_job_rejects
    ADD CONSTRAINT import_job_rejects_pkey PRIMARY KEY (job_id, part);

--
-- Name: import_jobs import_jobs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_jobs
    ADD CONSTRAINT import_jobs_pkey PRIMARY KEY (id);

--
-- Name: participants participants_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participants
    ADD CONSTRAINT participants_pkey PRIMARY KEY (national_id);

--
-- Name: people people_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.people
    ADD CONSTRAINT people_pkey PRIMARY KEY (national_id);

--
-- Name: person_aliases person_aliases_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.person_aliases
    ADD CONSTRAINT person_aliases_pkey PRIMARY KEY (national_id, name_key, date_of_birth);

--
-- Name: publication publication_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.publication
    ADD CONSTRAINT publication_pkey PRIMARY KEY (id);

--
-- Name: report_events report_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.report_events
    ADD CONSTRAINT report_events_pkey PRIMARY KEY (dimension, target_group, day, key);

--
-- Name: report_state report_state_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.report_state
    ADD CONSTRAINT report_state_pkey PRIMARY KEY (id);

--
-- Name: revocations revocations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.revocations
    ADD CONSTRAINT revocations_pkey PRIMARY KEY (certificate_code);

--
-- Name: revocations revocations_reason_clean; Type: CHECK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE public.revocations
    ADD CONSTRAINT revocations_reason_clean CHECK (((char_length(reason) <= 500) AND (reason !~ '[[:cntrl:]\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]'::text))) NOT VALID;

--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);

--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (token_sha256);

--
-- Name: status_list_entries status_list_entries_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.status_list_entries
    ADD CONSTRAINT status_list_entries_pkey PRIMARY KEY (certificate_code);

--
-- Name: status_list_entries status_list_entries_slot; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.status_list_entries
    ADD CONSTRAINT status_list_entries_slot UNIQUE (list, status_index);

--
-- Name: status_list_state status_list_state_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.status_list_state
    ADD CONSTRAINT status_list_state_pkey PRIMARY KEY (id);

--
-- Name: targets targets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.targets
    ADD CONSTRAINT targets_pkey PRIMARY KEY (target_group);

--
-- Name: training_centers training_centers_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.training_centers
    ADD CONSTRAINT training_centers_name_key UNIQUE (name);

--
-- Name: training_centers training_centers_name_visible; Type: CHECK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE public.training_centers
    ADD CONSTRAINT training_centers_name_visible CHECK (((char_length(name) <= 200) AND (name !~ '[[:cntrl:]\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]'::text))) NOT VALID;

--
-- Name: training_centers training_centers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.training_centers
    ADD CONSTRAINT training_centers_pkey PRIMARY KEY (code);

--
-- Name: accreditations_once; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX accreditations_once ON public.accreditations USING btree (national_id, track, certified_on, COALESCE(center_code, ''::text));

--
-- Name: auth_failures_recent; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_failures_recent ON public.auth_failures USING btree (subject, failed_at);

--
-- Name: certificates_one_valid_per_track; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX certificates_one_valid_per_track ON public.certificates USING btree (national_id, track) WHERE (NOT revoked);

--
-- Name: classes_center; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX classes_center ON public.classes USING btree (center_code);

--
-- Name: classes_instructor; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX classes_instructor ON public.classes USING btree (instructor_id);

--
-- Name: completions_person; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX completions_person ON public.completions USING btree (national_id);

--
-- Name: identity_holds_center; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX identity_holds_center ON public.identity_holds USING btree (center_code, status);

--
-- Name: identity_holds_once; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX identity_holds_once ON public.identity_holds USING btree (kind, COALESCE(center_code, ''::text), row_key) WHERE (status = 'open'::text);

--
-- Name: identity_holds_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX identity_holds_open ON public.identity_holds USING btree (national_id) WHERE (status = 'open'::text);

--
-- Name: import_batches_file; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX import_batches_file ON public.import_batches USING btree (sha256, kind);

--
-- Name: import_jobs_center; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX import_jobs_center ON public.import_jobs USING btree (center_code, created_at);

--
-- Name: import_jobs_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX import_jobs_open ON public.import_jobs USING btree (lease_until) WHERE (status = ANY (ARRAY['queued'::text, 'running'::text]));

--
-- Name: people_identity_history_person; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX people_identity_history_person ON public.people_identity_history USING btree (national_id);

--
-- Name: people_retirement; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX people_retirement ON public.people USING btree (public.retirement_date(date_of_birth, sex));

--
-- Name: revocations_holder; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX revocations_holder ON public.revocations USING btree (national_id, track);

--
-- Name: accreditations accreditations_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER accreditations_append_only BEFORE DELETE OR UPDATE ON public.accreditations FOR EACH ROW EXECUTE FUNCTION public.refuse_change();

--
-- Name: accreditations accreditations_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER accreditations_no_truncate BEFORE TRUNCATE ON public.accreditations FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();

--
-- Name: audit_log audit_log_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_log_append_only BEFORE DELETE OR UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION public.refuse_change();

--
-- Name: audit_log audit_log_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON public.audit_log FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();

--
-- Name: certificates certificates_center_fkey_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER certificates_center_fkey_insert AFTER INSERT ON public.certificates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('certificates_center_code_fkey', 'center_code', 'training_centers', 'code');

--
-- Name: certificates certificates_center_fkey_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER certificates_center_fkey_update AFTER UPDATE ON public.certificates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('certificates_center_code_fkey', 'center_code', 'training_centers', 'code');

--
-- Name: certificates certificates_class_fkey_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER certificates_class_fkey_insert AFTER INSERT ON public.certificates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('certificates_class_id_fkey', 'class_id', 'classes', 'id');

--
-- Name: certificates certificates_class_fkey_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER certificates_class_fkey_update AFTER UPDATE ON public.certificates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('certificates_class_id_fkey', 'class_id', 'classes', 'id');

--
-- Name: certificates certificates_issuer_fkey_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER certificates_issuer_fkey_insert AFTER INSERT ON public.certificates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('certificates_issued_by_fkey', 'issued_by', 'people', 'national_id');

--
-- Name: certificates certificates_issuer_fkey_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER certificates_issuer_fkey_update AFTER UPDATE ON public.certificates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('certificates_issued_by_fkey', 'issued_by', 'people', 'national_id');

--
-- Name: certificates certificates_kept; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER certificates_kept BEFORE DELETE OR TRUNCATE ON public.certificates FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();

--
-- Name: certificates certificates_key_kept; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER certificates_key_kept BEFORE UPDATE OF code ON public.certificates FOR EACH ROW WHEN ((old.code IS DISTINCT FROM new.code)) EXECUTE FUNCTION public.refuse_change();

--
-- Name: certificates certificates_person_fkey_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER certificates_person_fkey_insert AFTER INSERT ON public.certificates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('certificates_national_id_fkey', 'national_id', 'people', 'national_id');

--
-- Name: certificates certificates_person_fkey_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER certificates_person_fkey_update AFTER UPDATE ON public.certificates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('certificates_national_id_fkey', 'national_id', 'people', 'national_id');

--
-- Name: certificates certificates_unchanged; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER certificates_unchanged BEFORE UPDATE ON public.certificates FOR EACH ROW EXECUTE FUNCTION public.certificate_unchanged();

--
-- Name: classes classes_kept; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER classes_kept BEFORE DELETE OR TRUNCATE ON public.classes FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();

--
-- Name: classes classes_key_kept; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER classes_key_kept BEFORE UPDATE OF id ON public.classes FOR EACH ROW WHEN ((old.id IS DISTINCT FROM new.id)) EXECUTE FUNCTION public.refuse_change();

--
-- Name: completions completions_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER completions_append_only BEFORE DELETE OR UPDATE ON public.completions FOR EACH ROW EXECUTE FUNCTION public.refuse_change();

--
-- Name: completions completions_certificate_fkey_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER completions_certificate_fkey_insert AFTER INSERT ON public.completions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('completions_certificate_code_fkey', 'certificate_code', 'certificates', 'code');

--
-- Name: completions completions_certificate_fkey_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER completions_certificate_fkey_update AFTER UPDATE ON public.completions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('completions_certificate_code_fkey', 'certificate_code', 'certificates', 'code');

--
-- Name: completions completions_enrolment_fkey_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER completions_enrolment_fkey_insert AFTER INSERT ON public.completions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('completions_class_id_national_id_fkey', 'class_id,national_id', 'enrolments', 'class_id,national_id');

--
-- Name: completions completions_enrolment_fkey_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER completions_enrolment_fkey_update AFTER UPDATE ON public.completions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('completions_class_id_national_id_fkey', 'class_id,national_id', 'enrolments', 'class_id,national_id');

--
-- Name: completions completions_issuer_fkey_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER completions_issuer_fkey_insert AFTER INSERT ON public.completions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('completions_issued_by_fkey', 'issued_by', 'people', 'national_id');

--
-- Name: completions completions_issuer_fkey_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER completions_issuer_fkey_update AFTER UPDATE ON public.completions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('completions_issued_by_fkey', 'issued_by', 'people', 'national_id');

--
-- Name: completions completions_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER completions_no_truncate BEFORE TRUNCATE ON public.completions FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();

--
-- Name: enrolments enrolments_class_fkey_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enrolments_class_fkey_insert AFTER INSERT ON public.enrolments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('enrolments_class_id_fkey', 'class_id', 'classes', 'id');

--
-- Name: enrolments enrolments_class_fkey_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enrolments_class_fkey_update AFTER UPDATE ON public.enrolments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('enrolments_class_id_fkey', 'class_id', 'classes', 'id');

--
-- Name: enrolments enrolments_kept; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enrolments_kept BEFORE DELETE OR TRUNCATE ON public.enrolments FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();

--
-- Name: enrolments enrolments_key_kept; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enrolments_key_kept BEFORE UPDATE OF class_id, national_id ON public.enrolments FOR EACH ROW WHEN (((old.class_id IS DISTINCT FROM new.class_id) OR ((old.national_id)::text IS DISTINCT FROM (new.national_id)::text))) EXECUTE FUNCTION public.refuse_change();

--
-- Name: enrolments enrolments_person_fkey_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enrolments_person_fkey_insert AFTER INSERT ON public.enrolments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('enrolments_national_id_fkey', 'national_id', 'people', 'national_id');

--
-- Name: enrolments enrolments_person_fkey_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enrolments_person_fkey_update AFTER UPDATE ON public.enrolments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.check_references('enrolments_national_id_fkey', 'national_id', 'people', 'national_id');

--
-- Name: identity_holds identity_holds_decided_once; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER identity_holds_decided_once BEFORE UPDATE ON public.identity_holds FOR EACH ROW EXECUTE FUNCTION public.identity_holds_decided_once();

--
-- Name: identity_holds identity_holds_kept; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER identity_holds_kept BEFORE DELETE ON public.identity_holds FOR EACH ROW EXECUTE FUNCTION public.refuse_change();

--
-- Name: identity_holds identity_holds_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER identity_holds_no_truncate BEFORE TRUNCATE ON public.identity_holds FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();

--
-- Name: identity_holds identity_holds_version; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER identity_holds_version AFTER INSERT OR UPDATE ON public.identity_holds FOR EACH STATEMENT EXECUTE FUNCTION public.report_changed();

--
-- Name: import_batches import_batches_finish_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER import_batches_finish_only BEFORE UPDATE ON public.import_batches FOR EACH ROW EXECUTE FUNCTION public.import_batch_finishing();

--
-- Name: import_batches import_batches_kept; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER import_batches_kept BEFORE DELETE ON public.import_batches FOR EACH ROW EXECUTE FUNCTION public.refuse_change();

--
-- Name: import_batches import_batches_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER import_batches_no_truncate BEFORE TRUNCATE ON public.import_batches FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();

--
-- Name: people_identity_history people_identity_history_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER people_identity_history_append_only BEFORE DELETE OR UPDATE ON public.people_identity_history FOR EACH ROW EXECUTE FUNCTION public.refuse_change();

--
-- Name: people_identity_history people_identity_history_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER people_identity_history_no_truncate BEFORE TRUNCATE ON public.people_identity_history FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();

--
-- Name: people people_kept; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER people_kept BEFORE DELETE OR TRUNCATE ON public.people FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();

--
-- Name: people people_key_kept; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER people_key_kept BEFORE UPDATE OF national_id ON public.people FOR EACH ROW WHEN (((old.national_id)::text IS DISTINCT FROM (new.national_id)::text)) EXECUTE FUNCTION public.refuse_change();

--
-- Name: person_aliases person_aliases_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER person_aliases_append_only BEFORE DELETE OR UPDATE ON public.person_aliases FOR EACH ROW EXECUTE FUNCTION public.refuse_change();

--
-- Name: report_events report_events_version; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER report_events_version AFTER INSERT OR DELETE OR UPDATE ON public.report_events FOR EACH STATEMENT EXECUTE FUNCTION public.report_changed();

--
-- Name: revocations revocations_kept; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER revocations_kept BEFORE DELETE OR UPDATE ON public.revocations FOR EACH ROW EXECUTE FUNCTION public.refuse_change();

--
-- Name: revocations revocations_mark_certificate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER revocations_mark_certificate AFTER INSERT ON public.revocations FOR EACH ROW EXECUTE FUNCTION public.mark_certificate_revoked();

--
-- Name: revocations revocations_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER revocations_no_truncate BEFORE TRUNCATE ON public.revocations FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();

--
-- Name: revocations revocations_scope; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER revocations_scope BEFORE INSERT ON public.revocations FOR EACH ROW EXECUTE FUNCTION public.revocation_scope();

--
-- Name: status_list_entries status_list_entries_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER status_list_entries_append_only BEFORE DELETE OR UPDATE ON public.status_list_entries FOR EACH ROW EXECUTE FUNCTION public.refuse_change();

--
-- Name: status_list_entries status_list_entries_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER status_list_entries_no_truncate BEFORE TRUNCATE ON public.status_list_entries FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();

--
-- Name: status_list_entries status_list_new_entry; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER status_list_new_entry AFTER INSERT ON public.status_list_entries FOR EACH STATEMENT EXECUTE FUNCTION public.bump_status_list_state();

--
-- Name: revocations status_list_revocation; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER status_list_revocation AFTER INSERT ON public.revocations FOR EACH STATEMENT EXECUTE FUNCTION public.bump_status_list_state();

--
-- Name: training_centers training_centers_kept; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER training_centers_kept BEFORE DELETE OR TRUNCATE ON public.training_centers FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();

--
-- Name: training_centers training_centers_key_kept; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER training_centers_key_kept BEFORE UPDATE OF code ON public.training_centers FOR EACH ROW WHEN ((old.code IS DISTINCT FROM new.code)) EXECUTE FUNCTION public.refuse_change();

--
-- Name: accounts accounts_center_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_center_code_fkey FOREIGN KEY (center_code) REFERENCES public.training_centers(code);

--
-- Name: accounts accounts_national_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_national_id_fkey FOREIGN KEY (national_id) REFERENCES public.people(national_id);

--
-- Name: accreditations accreditations_center_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accreditations
    ADD CONSTRAINT accreditations_center_code_fkey FOREIGN KEY (center_code) REFERENCES public.training_centers(code);

--
-- Name: accreditations accreditations_certificate_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accreditations
    ADD CONSTRAINT accreditations_certificate_fkey FOREIGN KEY (certificate_code) REFERENCES public.certificates(code);

--
-- Name: accreditations accreditations_national_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accreditations
    ADD CONSTRAINT accreditations_national_id_fkey FOREIGN KEY (national_id) REFERENCES public.people(national_id);

--
-- Name: accreditations accreditations_trained_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accreditations
    ADD CONSTRAINT accreditations_trained_by_fkey FOREIGN KEY (trained_by) REFERENCES public.people(national_id);

--
-- Name: api_tokens api_tokens_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);

--
-- Name: classes classes_center_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.classes
    ADD CONSTRAINT classes_center_code_fkey FOREIGN KEY (center_code) REFERENCES public.training_centers(code);

--
-- Name: classes classes_instructor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.classes
    ADD CONSTRAINT classes_instructor_id_fkey FOREIGN KEY (instructor_id) REFERENCES public.people(national_id);

--
-- Name: identity_holds identity_holds_applied_batch_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.identity_holds
    ADD CONSTRAINT identity_holds_applied_batch_id_fkey FOREIGN KEY (applied_batch_id) REFERENCES public.import_batches(id);

--
-- Name: identity_holds identity_holds_batch_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.identity_holds
    ADD CONSTRAINT identity_holds_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES public.import_batches(id);

--
-- Name: identity_holds identity_holds_center_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.identity_holds
    ADD CONSTRAINT identity_holds_center_code_fkey FOREIGN KEY (center_code) REFERENCES public.training_centers(code);

--
-- Name: identity_holds identity_holds_national_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.identity_holds
    ADD CONSTRAINT identity_holds_national_id_fkey FOREIGN KEY (national_id) REFERENCES public.people(national_id);

--
-- Name: import_batches import_batches_center_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_batches
    ADD CONSTRAINT import_batches_center_code_fkey FOREIGN KEY (center_code) REFERENCES public.training_centers(code);

--
-- Name: import_job_progress import_job_progress_job_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_job_progress
    ADD CONSTRAINT import_job_progress_job_id_fkey FOREIGN KEY (job_id) REFERENCES public.import_jobs(id) ON DELETE CASCADE;

--
-- Name: import_job_rejects import_job_rejects_job_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_job_rejects
    ADD CONSTRAINT import_job_rejects_job_id_fkey FOREIGN KEY (job_id) REFERENCES public.import_jobs(id) ON DELETE CASCADE;

--
-- Name: import_jobs import_jobs_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_jobs
    ADD CONSTRAINT import_jobs_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);

--
-- Name: import_jobs import_jobs_center_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_jobs
    ADD CONSTRAINT import_jobs_center_code_fkey FOREIGN KEY (center_code) REFERENCES public.training_centers(code);

--
-- Name: people_identity_history people_identity_history_hold_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.people_identity_history
    ADD CONSTRAINT people_identity_history_hold_id_fkey FOREIGN KEY (hold_id) REFERENCES public.identity_holds(id);

--
-- Name: people_identity_history people_identity_history_national_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.people_identity_history
    ADD CONSTRAINT people_identity_history_national_id_fkey FOREIGN KEY (national_id) REFERENCES public.people(national_id);

--
-- Name: person_aliases person_aliases_national_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.person_aliases
    ADD CONSTRAINT person_aliases_national_id_fkey FOREIGN KEY (national_id) REFERENCES public.people(national_id);

--
-- Name: revocations revocations_certificate_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.revocations
    ADD CONSTRAINT revocations_certificate_code_fkey FOREIGN KEY (certificate_code) REFERENCES public.certificates(code);

--
-- Name: revocations revocations_class_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.revocations
    ADD CONSTRAINT revocations_class_id_fkey FOREIGN KEY (class_id) REFERENCES public.classes(id);

--
-- Name: sessions sessions_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);

--
-- Name: status_list_entries status_list_entries_certificate_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.status_list_entries
    ADD CONSTRAINT status_list_entries_certificate_code_fkey FOREIGN KEY (certificate_code) REFERENCES public.certificates(code);

--
-- Name: training_centers training_centers_commune_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.training_centers
    ADD CONSTRAINT training_centers_commune_code_fkey FOREIGN KEY (commune_code) REFERENCES public.communes(code);

--
-- Name: accounts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;

--
-- Name: accreditations; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.accreditations ENABLE ROW LEVEL SECURITY;

--
-- Name: accounts admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.accounts TO hocai_admin USING (true) WITH CHECK (true);

--
-- Name: accreditations admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.accreditations TO hocai_admin USING (true) WITH CHECK (true);

--
-- Name: api_tokens admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.api_tokens TO hocai_admin USING (true) WITH CHECK (true);

--
-- Name: certificates admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.certificates TO hocai_admin USING (true) WITH CHECK (true);

--
-- Name: classes admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.classes TO hocai_admin USING (true) WITH CHECK (true);

--
-- Name: completions admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.completions TO hocai_admin USING (true) WITH CHECK (true);

--
-- Name: enrolments admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.enrolments TO hocai_admin USING (true) WITH CHECK (true);

--
-- Name: identity_holds admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.identity_holds TO hocai_admin USING (true) WITH CHECK (true);

--
-- Name: import_batches admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.import_batches TO hocai_admin USING (true) WITH CHECK (true);

--
-- Name: import_job_progress admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.import_job_progress TO hocai_admin USING (true) WITH CHECK (true);

--
-- Name: import_job_rejects admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.import_job_rejects TO hocai_admin USING (true) WITH CHECK (true);

--
-- Name: import_jobs admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.import_jobs TO hocai_admin USING (true) WITH CHECK (true);

--
-- Name: people admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.people TO hocai_admin USING (true) WITH CHECK (true);

--
-- Name: people_identity_history admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.people_identity_history TO hocai_admin USING (true) WITH CHECK (true);

--
-- Name: person_aliases admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.person_aliases TO hocai_admin USING (true) WITH CHECK (true);

--
-- Name: revocations admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.revocations TO hocai_admin USING (true) WITH CHECK (true);

--
-- Name: sessions admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.sessions TO hocai_admin USING (true);

--
-- Name: status_list_entries admin_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY admin_all ON public.status_list_entries FOR SELECT TO hocai_admin USING (true);

--
-- Name: api_tokens; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.api_tokens ENABLE ROW LEVEL SECURITY;

--
-- Name: accreditations centre_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY centre_own ON public.accreditations FOR SELECT TO hocai_centre USING ((center_code = public.hocai_scope_center()));

--
-- Name: certificates centre_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY centre_own ON public.certificates FOR SELECT TO hocai_centre USING (((class_id IN ( SELECT classes.id
   FROM public.classes
  WHERE (classes.center_code = public.hocai_scope_center()))) OR (center_code = public.hocai_scope_center())));

--
-- Name: classes centre_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY centre_own ON public.classes FOR SELECT TO hocai_centre USING ((center_code = public.hocai_scope_center()));

--
-- Name: completions centre_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY centre_own ON public.completions FOR SELECT TO hocai_centre USING ((class_id IN ( SELECT classes.id
   FROM public.classes
  WHERE (classes.center_code = public.hocai_scope_center()))));

--
-- Name: enrolments centre_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY centre_own ON public.enrolments FOR SELECT TO hocai_centre USING ((class_id IN ( SELECT classes.id
   FROM public.classes
  WHERE (classes.center_code = public.hocai_scope_center()))));

--
-- Name: identity_holds centre_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY centre_own ON public.identity_holds FOR SELECT TO hocai_centre USING ((center_code = public.hocai_scope_center()));

--
-- Name: import_batches centre_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY centre_own ON public.import_batches FOR SELECT TO hocai_centre USING ((center_code = public.hocai_scope_center()));

--
-- Name: import_jobs centre_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY centre_own ON public.import_jobs FOR SELECT TO hocai_centre USING ((center_code = public.hocai_scope_center()));

--
-- Name: people centre_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY centre_own ON public.people FOR SELECT TO hocai_centre USING ((((national_id)::text IN ( SELECT e.national_id
   FROM (public.enrolments e
     JOIN public.classes c ON ((c.id = e.class_id)))
  WHERE (c.center_code = public.hocai_scope_center()))) OR ((national_id)::text IN ( SELECT a.national_id
   FROM public.accreditations a
  WHERE (a.center_code = public.hocai_scope_center())))));

--
-- Name: revocations centre_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY centre_own ON public.revocations FOR SELECT TO hocai_centre USING ((class_id IN ( SELECT classes.id
   FROM public.classes
  WHERE (classes.center_code = public.hocai_scope_center()))));

--
-- Name: import_jobs centre_own_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY centre_own_insert ON public.import_jobs FOR INSERT TO hocai_centre WITH CHECK (((center_code = public.hocai_scope_center()) AND (account_id = public.hocai_scope_account()) AND (kind <> 'experts'::text)));

--
-- Name: certificates; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.certificates ENABLE ROW LEVEL SECURITY;

--
-- Name: classes; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.classes ENABLE ROW LEVEL SECURITY;

--
-- Name: completions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.completions ENABLE ROW LEVEL SECURITY;

--
-- Name: enrolments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.enrolments ENABLE ROW LEVEL SECURITY;

--
-- Name: identity_holds; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.identity_holds ENABLE ROW LEVEL SECURITY;

--
-- Name: import_batches; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.import_batches ENABLE ROW LEVEL SECURITY;

--
-- Name: import_job_progress; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.import_job_progress ENABLE ROW LEVEL SECURITY;

--
-- Name: import_job_rejects; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.import_job_rejects ENABLE ROW LEVEL SECURITY;

--
-- Name: import_jobs; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.import_jobs ENABLE ROW LEVEL SECURITY;

--
-- Name: identity_holds importer_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_own ON public.identity_holds FOR SELECT TO hocai_importer USING ((center_code = public.hocai_scope_center()));

--
-- Name: import_batches importer_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_own ON public.import_batches FOR SELECT TO hocai_importer USING ((center_code = public.hocai_scope_center()));

--
-- Name: import_jobs importer_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_own ON public.import_jobs FOR SELECT TO hocai_importer USING ((center_code = public.hocai_scope_center()));

--
-- Name: identity_holds importer_own_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_own_insert ON public.identity_holds FOR INSERT TO hocai_importer WITH CHECK (((center_code = public.hocai_scope_center()) AND (status = 'open'::text)));

--
-- Name: accreditations importer_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_read ON public.accreditations FOR SELECT TO hocai_importer USING (true);

--
-- Name: certificates importer_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_read ON public.certificates FOR SELECT TO hocai_importer USING (true);

--
-- Name: classes importer_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_read ON public.classes FOR SELECT TO hocai_importer USING (true);

--
-- Name: completions importer_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_read ON public.completions FOR SELECT TO hocai_importer USING (true);

--
-- Name: enrolments importer_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_read ON public.enrolments FOR SELECT TO hocai_importer USING (true);

--
-- Name: people importer_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_read ON public.people FOR SELECT TO hocai_importer USING (true);

--
-- Name: person_aliases importer_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_read ON public.person_aliases FOR SELECT TO hocai_importer USING (true);

--
-- Name: revocations importer_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_read ON public.revocations FOR SELECT TO hocai_importer USING (true);

--
-- Name: enrolments importer_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_update ON public.enrolments FOR UPDATE TO hocai_importer USING ((class_id IN ( SELECT classes.id
   FROM public.classes
  WHERE (classes.center_code = public.hocai_scope_center())))) WITH CHECK ((class_id IN ( SELECT classes.id
   FROM public.classes
  WHERE (classes.center_code = public.hocai_scope_center()))));

--
-- Name: import_batches importer_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_update ON public.import_batches FOR UPDATE TO hocai_importer USING ((center_code = public.hocai_scope_center())) WITH CHECK ((center_code = public.hocai_scope_center()));

--
-- Name: import_jobs importer_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_update ON public.import_jobs FOR UPDATE TO hocai_importer USING ((center_code = public.hocai_scope_center())) WITH CHECK ((center_code = public.hocai_scope_center()));

--
-- Name: people importer_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_update ON public.people FOR UPDATE TO hocai_importer USING (true) WITH CHECK (true);

--
-- Name: accreditations importer_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_write ON public.accreditations FOR INSERT TO hocai_importer WITH CHECK (((track = 'instructor'::public.certificate_track) AND (center_code = public.hocai_scope_center()) AND (public.hocai_scope_instructor() IS NULL)));

--
-- Name: certificates importer_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_write ON public.certificates FOR INSERT TO hocai_importer WITH CHECK (((class_id IN ( SELECT classes.id
   FROM public.classes
  WHERE ((classes.center_code = public.hocai_scope_center()) AND ((classes.instructor_id)::text = COALESCE(public.hocai_scope_instructor(), (classes.instructor_id)::text))))) OR ((track = 'instructor'::public.certificate_track) AND (center_code = public.hocai_scope_center()) AND (public.hocai_scope_instructor() IS NULL))));

--
-- Name: classes importer_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_write ON public.classes FOR INSERT TO hocai_importer WITH CHECK (((center_code = public.hocai_scope_center()) AND (public.hocai_scope_instructor() IS NULL)));

--
-- Name: completions importer_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_write ON public.completions FOR INSERT TO hocai_importer WITH CHECK ((class_id IN ( SELECT classes.id
   FROM public.classes
  WHERE ((classes.center_code = public.hocai_scope_center()) AND ((classes.instructor_id)::text = COALESCE(public.hocai_scope_instructor(), (classes.instructor_id)::text))))));

--
-- Name: enrolments importer_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_write ON public.enrolments FOR INSERT TO hocai_importer WITH CHECK (((class_id IN ( SELECT classes.id
   FROM public.classes
  WHERE (classes.center_code = public.hocai_scope_center()))) AND (public.hocai_scope_instructor() IS NULL)));

--
-- Name: import_batches importer_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_write ON public.import_batches FOR INSERT TO hocai_importer WITH CHECK ((center_code = public.hocai_scope_center()));

--
-- Name: import_job_rejects importer_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_write ON public.import_job_rejects FOR INSERT TO hocai_importer WITH CHECK ((job_id IN ( SELECT import_jobs.id
   FROM public.import_jobs)));

--
-- Name: people importer_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY importer_write ON public.people FOR INSERT TO hocai_importer WITH CHECK (true);

--
-- Name: certificates instructor_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY instructor_own ON public.certificates FOR SELECT TO hocai_instructor USING ((class_id IN ( SELECT classes.id
   FROM public.classes
  WHERE ((classes.instructor_id)::text = public.hocai_scope_instructor()))));

--
-- Name: classes instructor_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY instructor_own ON public.classes FOR SELECT TO hocai_instructor USING (((instructor_id)::text = public.hocai_scope_instructor()));

--
-- Name: completions instructor_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY instructor_own ON public.completions FOR SELECT TO hocai_instructor USING ((class_id IN ( SELECT classes.id
   FROM public.classes
  WHERE ((classes.instructor_id)::text = public.hocai_scope_instructor()))));

--
-- Name: enrolments instructor_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY instructor_own ON public.enrolments FOR SELECT TO hocai_instructor USING ((class_id IN ( SELECT classes.id
   FROM public.classes
  WHERE ((classes.instructor_id)::text = public.hocai_scope_instructor()))));

--
-- Name: import_jobs instructor_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY instructor_own ON public.import_jobs FOR SELECT TO hocai_instructor USING ((account_id = public.hocai_scope_account()));

--
-- Name: people instructor_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY instructor_own ON public.people FOR SELECT TO hocai_instructor USING (((national_id)::text IN ( SELECT e.national_id
   FROM (public.enrolments e
     JOIN public.classes c ON ((c.id = e.class_id)))
  WHERE ((c.instructor_id)::text = public.hocai_scope_instructor()))));

--
-- Name: revocations instructor_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY instructor_own ON public.revocations FOR SELECT TO hocai_instructor USING ((class_id IN ( SELECT classes.id
   FROM public.classes
  WHERE ((classes.instructor_id)::text = public.hocai_scope_instructor()))));

--
-- Name: import_jobs instructor_own_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY instructor_own_insert ON public.import_jobs FOR INSERT TO hocai_instructor WITH CHECK (((account_id = public.hocai_scope_account()) AND (kind = 'completions'::text)));

--
-- Name: import_job_progress job_visible; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY job_visible ON public.import_job_progress FOR SELECT TO hocai_centre, hocai_instructor USING ((job_id IN ( SELECT import_jobs.id
   FROM public.import_jobs)));

--
-- Name: import_job_rejects job_visible; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY job_visible ON public.import_job_rejects FOR SELECT TO hocai_centre, hocai_instructor, hocai_importer USING ((job_id IN ( SELECT import_jobs.id
   FROM public.import_jobs)));

--
-- Name: import_batches official_summaries; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY official_summaries ON public.import_batches FOR SELECT TO hocai_official USING (true);

--
-- Name: people; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.people ENABLE ROW LEVEL SECURITY;

--
-- Name: people_identity_history; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.people_identity_history ENABLE ROW LEVEL SECURITY;

--
-- Name: person_aliases; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.person_aliases ENABLE ROW LEVEL SECURITY;

--
-- Name: revocations; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.revocations ENABLE ROW LEVEL SECURITY;

--
-- Name: sessions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.sessions ENABLE ROW LEVEL SECURITY;

--
-- Name: status_list_entries; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.status_list_entries ENABLE ROW LEVEL SECURITY;

--
-- Name: FUNCTION account_by_id(id bigint); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.account_by_id(id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.account_by_id(id bigint) TO hocai_login;

--
-- Name: FUNCTION analyze_register(tables text[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.analyze_register(tables text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.analyze_register(tables text[]) TO hocai_importer;
GRANT ALL ON FUNCTION public.analyze_register(tables text[]) TO hocai_admin;

--
-- Name: FUNCTION assign_status_entry(code text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.assign_status_entry(code text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.assign_status_entry(code text) TO hocai_admin;

--
-- Name: FUNCTION bump_status_list_state(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.bump_status_list_state() FROM PUBLIC;

--
-- Name: FUNCTION end_session(token_sha256 bytea); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.end_session(token_sha256 bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION public.end_session(token_sha256 bytea) TO hocai_login;

--
-- Name: FUNCTION learners_reaching_retirement(since date, until date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.learners_reaching_retirement(since date, until date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.learners_reaching_retirement(since date, until date) TO hocai_official;
GRANT ALL ON FUNCTION public.learners_reaching_retirement(since date, until date) TO hocai_admin;

--
-- Name: FUNCTION login_account(login text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.login_account(login text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.login_account(login text) TO hocai_login;

--
-- Name: FUNCTION people_with_open_conflicts(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.people_with_open_conflicts() FROM PUBLIC;
GRANT ALL ON FUNCTION public.people_with_open_conflicts() TO hocai_official;
GRANT ALL ON FUNCTION public.people_with_open_conflicts() TO hocai_admin;

--
-- Name: FUNCTION public_url(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.public_url() FROM PUBLIC;
GRANT ALL ON FUNCTION public.public_url() TO hocai_public;
GRANT ALL ON FUNCTION public.public_url() TO hocai_login;
GRANT ALL ON FUNCTION public.public_url() TO hocai_admin;
GRANT ALL ON FUNCTION public.public_url() TO hocai_official;
GRANT ALL ON FUNCTION public.public_url() TO hocai_centre;
GRANT ALL ON FUNCTION public.public_url() TO hocai_instructor;
GRANT ALL ON FUNCTION public.public_url() TO hocai_importer;

--
-- Name: FUNCTION recent_auth_failures(subject text, window_length interval); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.recent_auth_failures(subject text, window_length interval) FROM PUBLIC;
GRANT ALL ON FUNCTION public.recent_auth_failures(subject text, window_length interval) TO hocai_login;

--
-- Name: FUNCTION record_auth_failure(subject text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.record_auth_failure(subject text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.record_auth_failure(subject text) TO hocai_login;

--
-- Name: FUNCTION schema_version(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.schema_version() FROM PUBLIC;
GRANT ALL ON FUNCTION public.schema_version() TO hocai_login;

--
-- Name: FUNCTION session_account(token_sha256 bytea); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.session_account(token_sha256 bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION public.session_account(token_sha256 bytea) TO hocai_login;

--
-- Name: FUNCTION start_session(account bigint, token_sha256 bytea, lifetime interval); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.start_session(account bigint, token_sha256 bytea, lifetime interval) FROM PUBLIC;
GRANT ALL ON FUNCTION public.start_session(account bigint, token_sha256 bytea, lifetime interval) TO hocai_login;

--
-- Name: FUNCTION status_list_revoked(list integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.status_list_revoked(list integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.status_list_revoked(list integer) TO hocai_public;
GRANT ALL ON FUNCTION public.status_list_revoked(list integer) TO hocai_admin;

--
-- Name: FUNCTION status_list_version(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.status_list_version() FROM PUBLIC;
GRANT ALL ON FUNCTION public.status_list_version() TO hocai_public;
GRANT ALL ON FUNCTION public.status_list_version() TO hocai_admin;

--
-- Name: FUNCTION token_account(token_sha256 bytea); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.token_account(token_sha256 bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION public.token_account(token_sha256 bytea) TO hocai_login;

--
-- Name: FUNCTION verify_certificate(certificate text, on_date date); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.verify_certificate(certificate text, on_date date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.verify_certificate(certificate text, on_date date) TO hocai_public;
GRANT ALL ON FUNCTION public.verify_certificate(certificate text, on_date date) TO hocai_admin;
GRANT ALL ON FUNCTION public.verify_certificate(certificate text, on_date date) TO hocai_official;
GRANT ALL ON FUNCTION public.verify_certificate(certificate text, on_date date) TO hocai_centre;
GRANT ALL ON FUNCTION public.verify_certificate(certificate text, on_date date) TO hocai_instructor;

--
-- Name: TABLE accounts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.accounts TO hocai_admin;

--
-- Name: SEQUENCE accounts_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.accounts_id_seq TO hocai_admin;
GRANT USAGE ON SEQUENCE public.accounts_id_seq TO hocai_importer;

--
-- Name: TABLE accreditations; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.accreditations TO hocai_admin;
GRANT SELECT,INSERT ON TABLE public.accreditations TO hocai_importer;
GRANT SELECT ON TABLE public.accreditations TO hocai_centre;

--
-- Name: TABLE api_tokens; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.api_tokens TO hocai_admin;

--
-- Name: SEQUENCE api_tokens_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.api_tokens_id_seq TO hocai_admin;
GRANT USAGE ON SEQUENCE public.api_tokens_id_seq TO hocai_importer;

--
-- Name: TABLE audit_log; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.audit_log TO hocai_admin;
GRANT SELECT,INSERT ON TABLE public.audit_log TO hocai_importer;

--
-- Name: SEQUENCE audit_log_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.audit_log_id_seq TO hocai_admin;
GRANT USAGE ON SEQUENCE public.audit_log_id_seq TO hocai_importer;

--
-- Name: TABLE cccd_provinces; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.cccd_provinces TO hocai_admin;
GRANT SELECT ON TABLE public.cccd_provinces TO hocai_official;
GRANT SELECT ON TABLE public.cccd_provinces TO hocai_centre;
GRANT SELECT ON TABLE public.cccd_provinces TO hocai_instructor;
GRANT SELECT ON TABLE public.cccd_provinces TO hocai_importer;

--
-- Name: TABLE certificates; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.certificates TO hocai_admin;
GRANT SELECT,INSERT ON TABLE public.certificates TO hocai_importer;
GRANT SELECT ON TABLE public.certificates TO hocai_centre;
GRANT SELECT ON TABLE public.certificates TO hocai_instructor;

--
-- Name: TABLE classes; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.classes TO hocai_admin;
GRANT SELECT,INSERT ON TABLE public.classes TO hocai_importer;
GRANT SELECT ON TABLE public.classes TO hocai_centre;
GRANT SELECT ON TABLE public.classes TO hocai_instructor;

--
-- Name: SEQUENCE classes_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.classes_id_seq TO hocai_admin;
GRANT USAGE ON SEQUENCE public.classes_id_seq TO hocai_importer;

--
-- Name: TABLE communes; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.communes TO hocai_admin;
GRANT SELECT ON TABLE public.communes TO hocai_official;
GRANT SELECT ON TABLE public.communes TO hocai_centre;
GRANT SELECT ON TABLE public.communes TO hocai_instructor;
GRANT SELECT ON TABLE public.communes TO hocai_importer;

--
-- Name: TABLE completions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.completions TO hocai_admin;
GRANT SELECT,INSERT ON TABLE public.completions TO hocai_importer;
GRANT SELECT ON TABLE public.completions TO hocai_centre;
GRANT SELECT ON TABLE public.completions TO hocai_instructor;

--
-- Name: TABLE enrolments; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.enrolments TO hocai_admin;
GRANT SELECT,INSERT,UPDATE ON TABLE public.enrolments TO hocai_importer;
GRANT SELECT ON TABLE public.enrolments TO hocai_centre;
GRANT SELECT ON TABLE public.enrolments TO hocai_instructor;

--
-- Name: TABLE first_passes; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.first_passes TO hocai_importer;
GRANT SELECT,INSERT,UPDATE ON TABLE public.first_passes TO hocai_admin;

--
-- Name: TABLE identity_holds; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.identity_holds TO hocai_importer;
GRANT SELECT ON TABLE public.identity_holds TO hocai_centre;
GRANT SELECT,INSERT,UPDATE ON TABLE public.identity_holds TO hocai_admin;

--
-- Name: SEQUENCE identity_holds_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.identity_holds_id_seq TO hocai_admin;
GRANT USAGE ON SEQUENCE public.identity_holds_id_seq TO hocai_importer;

--
-- Name: TABLE import_batches; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.import_batches TO hocai_admin;
GRANT SELECT,INSERT,UPDATE ON TABLE public.import_batches TO hocai_importer;
GRANT SELECT ON TABLE public.import_batches TO hocai_centre;
GRANT SELECT ON TABLE public.import_batches TO hocai_official;

--
-- Name: SEQUENCE import_batches_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT USAGE ON SEQUENCE public.import_batches_id_seq TO hocai_admin;
GRANT USAGE ON SEQUENCE public.import_batches_id_seq TO hocai_importer;

--
-- Name: TABLE import_job_progress; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.import_job_progress TO hocai_admin;
GRANT SELECT ON TABLE public.import_job_progress TO hocai_centre;
GRANT SELECT ON TABLE public.import_job_progress TO hocai_instructor;

--
-- Name: TABLE import_job_rejects; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.import_job_rejects TO hocai_admin;
GRANT SELECT,INSERT ON TABLE public.import_job_rejects TO hocai_importer;
GRANT SELECT ON TABLE public.import_job_rejects TO hocai_centre;
GRANT SELECT ON TABLE public.import_job_rejects TO hocai_instructor;

--
-- Name: TABLE import_jobs; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.import_jobs TO hocai_admin;
GRANT SELECT,INSERT,UPDATE ON TABLE public.import_jobs TO hocai_importer;
GRANT SELECT,INSERT ON TABLE public.import_jobs TO hocai_centre;
GRANT SELECT,INSERT ON TABLE public.import_jobs TO hocai_instructor;

--
-- Name: TABLE participants; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.participants TO hocai_admin;
GRANT SELECT,INSERT,UPDATE ON TABLE public.participants TO hocai_importer;

--
-- Name: TABLE people; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.people TO hocai_admin;
GRANT SELECT,INSERT ON TABLE public.people TO hocai_importer;
GRANT SELECT ON TABLE public.people TO hocai_centre;
GRANT SELECT ON TABLE public.people TO hocai_instructor;

--
-- Name: COLUMN people.phone; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(phone) ON TABLE public.people TO hocai_importer;

--
-- Name: COLUMN people.commune_code; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(commune_code) ON TABLE public.people TO hocai_importer;

--
-- Name: COLUMN people.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.people TO hocai_importer;

--
-- Name: COLUMN people.commune_as_of; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(commune_as_of) ON TABLE public.people TO hocai_importer;

--
-- Name: COLUMN people.commune_source; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(commune_source) ON TABLE public.people TO hocai_importer;

--
-- Name: TABLE people_identity_history; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.people_identity_history TO hocai_admin;

--
-- Name: TABLE person_aliases; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.person_aliases TO hocai_importer;
GRANT SELECT,INSERT ON TABLE public.person_aliases TO hocai_admin;

--
-- Name: TABLE publication; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.publication TO hocai_admin;

--
-- Name: COLUMN publication.public_url; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(public_url) ON TABLE public.publication TO hocai_admin;

--
-- Name: COLUMN publication.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.publication TO hocai_admin;

--
-- Name: COLUMN publication.updated_by; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_by) ON TABLE public.publication TO hocai_admin;

--
-- Name: TABLE report_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.report_events TO hocai_admin;
GRANT SELECT,INSERT,UPDATE ON TABLE public.report_events TO hocai_importer;
GRANT SELECT ON TABLE public.report_events TO hocai_official;

--
-- Name: TABLE report_state; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.report_state TO hocai_admin;
GRANT SELECT,INSERT,UPDATE ON TABLE public.report_state TO hocai_importer;
GRANT SELECT ON TABLE public.report_state TO hocai_official;

--
-- Name: TABLE revocations; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.revocations TO hocai_admin;
GRANT SELECT ON TABLE public.revocations TO hocai_importer;
GRANT SELECT ON TABLE public.revocations TO hocai_centre;
GRANT SELECT ON TABLE public.revocations TO hocai_instructor;

--
-- Name: TABLE sessions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.sessions TO hocai_admin;

--
-- Name: COLUMN sessions.ended_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(ended_at) ON TABLE public.sessions TO hocai_admin;

--
-- Name: TABLE status_list_entries; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.status_list_entries TO hocai_admin;

--
-- Name: TABLE status_list_state; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.status_list_state TO hocai_admin;

--
-- Name: TABLE targets; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.targets TO hocai_admin;
GRANT SELECT ON TABLE public.targets TO hocai_official;
GRANT SELECT ON TABLE public.targets TO hocai_centre;
GRANT SELECT ON TABLE public.targets TO hocai_instructor;
GRANT SELECT ON TABLE public.targets TO hocai_importer;

--
-- Name: TABLE training_centers; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.training_centers TO hocai_admin;
GRANT SELECT ON TABLE public.training_centers TO hocai_official;
GRANT SELECT ON TABLE public.training_centers TO hocai_centre;
GRANT SELECT ON TABLE public.training_centers TO hocai_instructor;
GRANT SELECT ON TABLE public.training_centers TO hocai_importer;

--
-- PostgreSQL database dump complete
--

