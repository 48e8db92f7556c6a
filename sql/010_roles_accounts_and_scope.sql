-- Accounts, database roles and row-level security: each user of hocai (a centre's clerk, an
-- instructor, an official, an administrator, anyone verifying a certificate) reaches the
-- register through the server with their own account, and PostgreSQL itself decides what each
-- may read and write.
--
-- * Group roles (NOLOGIN, NOINHERIT): hocai_admin, hocai_official, hocai_centre,
--   hocai_instructor, hocai_public; hocai_importer, the role an import runs as, scoped to one
--   centre; hocai_login, the role that checks credentials. None may DELETE or TRUNCATE anything
--   or change the schema; none owns a table (the migrating role owns the schema).
-- * hocai_server, the server's login role, holds no privilege of its own: it may only switch
--   into the group roles. Each request's transaction starts with `SET LOCAL ROLE` and the
--   account's scope as transaction-local settings (hocai.account_id, hocai.actor, hocai.center,
--   hocai.national_id), which the policies read. The server is trusted to set the scope of the
--   account it authenticated; everything else is the database's to refuse.
-- * Roles belong to the cluster, so they are created once (these statements skip roles that
--   exist); `hocai migrate` must then run as a role allowed to create roles (CREATEROLE). The
--   operator gives hocai_server a password and LOGIN (docs/schema.md, README).
--
-- See docs/schema.md for the tables, the roles and what each may do.

DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['hocai_admin', 'hocai_official', 'hocai_centre', 'hocai_instructor', 'hocai_public',
                                     'hocai_importer', 'hocai_login', 'hocai_server'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN NOINHERIT', role_name);
        END IF;
    END LOOP;
END
$$;

GRANT hocai_admin, hocai_official, hocai_centre, hocai_instructor, hocai_public, hocai_importer, hocai_login TO hocai_server;

-- Who did it: the account the server acts for, else the database user (the command line).
CREATE FUNCTION hocai_actor() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT COALESCE(NULLIF(current_setting('hocai.actor', true), ''), session_user)
$$;

-- The request's scope, as the server set it for the transaction (NULL where it is not set).
CREATE FUNCTION hocai_scope_center() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT NULLIF(current_setting('hocai.center', true), '')
$$;
CREATE FUNCTION hocai_scope_instructor() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT NULLIF(current_setting('hocai.national_id', true), '')
$$;
CREATE FUNCTION hocai_scope_account() RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT NULLIF(current_setting('hocai.account_id', true), '')::bigint
$$;

-- Every write names the account, not the database user.
ALTER TABLE audit_log ALTER COLUMN actor SET DEFAULT hocai_actor();
ALTER TABLE revocations ALTER COLUMN revoked_by SET DEFAULT hocai_actor();
ALTER TABLE import_batches ALTER COLUMN run_by SET DEFAULT hocai_actor();
ALTER TABLE completions ADD COLUMN recorded_by text;
ALTER TABLE completions ALTER COLUMN recorded_by SET DEFAULT hocai_actor();
ALTER TABLE accreditations ADD COLUMN recorded_by text;
ALTER TABLE accreditations ALTER COLUMN recorded_by SET DEFAULT hocai_actor();
COMMENT ON COLUMN completions.recorded_by IS 'The account (or database user) that recorded it; NULL before sql/010.';

-- Accounts: never deleted; disabled instead (refused at once, on live sessions too).
CREATE TABLE accounts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login text NOT NULL UNIQUE CONSTRAINT accounts_login_format CHECK (login ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    role text NOT NULL CONSTRAINT accounts_role CHECK (role IN ('admin', 'official', 'centre', 'instructor')),
    -- A centre's account works for that centre; an instructor's is that person.
    center_code text REFERENCES training_centers,
    national_id national_id REFERENCES people,
    -- bcrypt; NULL: no password (the account signs in with tokens only).
    password_hash text CONSTRAINT accounts_password_bcrypt CHECK (password_hash ~ '^\$2[abxy]\$[0-9]{2}\$.{53}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL DEFAULT hocai_actor(),
    disabled_at timestamptz,
    CONSTRAINT accounts_scope CHECK ((role = 'centre') = (center_code IS NOT NULL) AND (role = 'instructor') = (national_id IS NOT NULL))
);

-- API tokens: 256 random bits, kept as their SHA-256 only, shown once.
CREATE TABLE api_tokens (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts,
    token_sha256 bytea NOT NULL UNIQUE CONSTRAINT api_tokens_sha256 CHECK (octet_length(token_sha256) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL DEFAULT hocai_actor(),
    revoked_at timestamptz
);

-- Browser sessions: the cookie's SHA-256, checked on every request.
CREATE TABLE sessions (
    token_sha256 bytea PRIMARY KEY CONSTRAINT sessions_sha256 CHECK (octet_length(token_sha256) = 32),
    account_id bigint NOT NULL REFERENCES accounts,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    ended_at timestamptz
);

-- Failed sign-ins, by account and by client address, for throttling.
CREATE TABLE auth_failures (
    subject text NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_failures_recent ON auth_failures (subject, failed_at);

-- Imports sent to the server: a job each, run in the background.
CREATE TABLE import_jobs (
    id uuid PRIMARY KEY,
    kind text NOT NULL CONSTRAINT import_jobs_kind CHECK (kind IN ('experts', 'instructors', 'learners', 'completions')),
    center_code text REFERENCES training_centers,
    account_id bigint NOT NULL REFERENCES accounts,
    file_name text NOT NULL,
    size bigint NOT NULL CHECK (size >= 0),
    dry_run boolean NOT NULL DEFAULT false,
    all_or_nothing boolean NOT NULL DEFAULT false,
    status text NOT NULL DEFAULT 'queued' CONSTRAINT import_jobs_status CHECK (status IN ('queued', 'running', 'done', 'failed')),
    summary jsonb,
    error jsonb,
    has_rejects boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    finished_at timestamptz
);
CREATE INDEX import_jobs_center ON import_jobs (center_code, created_at);

-- The summary's version: it moves with every write of report_events, so the server can keep a
-- rendered report until the figures change.
CREATE TABLE report_state (
    id integer PRIMARY KEY CONSTRAINT report_state_one CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO report_state VALUES (1, 0);

CREATE FUNCTION report_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE report_state SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER report_events_version AFTER INSERT OR UPDATE OR DELETE ON report_events
    FOR EACH STATEMENT EXECUTE FUNCTION report_changed();

-- Public verification: the certificate with its holder, issuer and centre masked as
-- `hocai verify` shows them (family name whole and other names as initials, a one-word name as
-- its initial; the CCCD's province code and last two digits). The only way the public reaches
-- the register.
CREATE FUNCTION masked_name(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN array_length(w, 1) = 1 THEN left(w[1], 1) || '.'
                ELSE w[1] || (SELECT string_agg(' ' || left(x, 1) || '.', '' ORDER BY i)
                              FROM unnest(w[2:]) WITH ORDINALITY AS u (x, i)) END
    FROM (SELECT string_to_array(name, ' ') AS w) s
$$;

CREATE FUNCTION masked_national_id(id text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT left(id, 3) || '*******' || right(id, 2)
$$;

CREATE FUNCTION verify_certificate(code text, today date)
RETURNS TABLE (code text, track text, issued_on date, holder text, holder_id text, center_code text, center_name text,
               class_code text, issuer text, revoked_on date, reason text, revoked_class text, first_passed_on date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT c.code, c.track::text, c.issued_on, masked_name(p.full_name), masked_national_id(p.national_id),
           COALESCE(c.center_code, cl.center_code), tc.name, cl.code, masked_name(ip.full_name), r.revoked_on, r.reason, rc.code,
           CASE WHEN NOT c.revoked THEN (SELECT min(e.day) FROM valid_evidence(c.national_id, ARRAY[c.track], today) e) END
    FROM certificates c
    JOIN people p ON p.national_id = c.national_id
    LEFT JOIN classes cl ON cl.id = c.class_id
    LEFT JOIN training_centers tc ON tc.code = COALESCE(c.center_code, cl.center_code)
    LEFT JOIN people ip ON ip.national_id = c.issued_by
    LEFT JOIN revocations r ON r.certificate_code = c.code
    LEFT JOIN classes rc ON rc.id = r.class_id
    WHERE c.code = verify_certificate.code
$$;

-- Credentials: the server checks them through these, as hocai_login, which can read nothing else.
CREATE FUNCTION login_account(login text)
RETURNS TABLE (id bigint, password_hash text, disabled boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT a.id, a.password_hash, a.disabled_at IS NOT NULL FROM accounts a WHERE a.login = login_account.login
$$;

-- The account a session or token stands for, if it is live and its account enabled.
CREATE FUNCTION session_account(token_sha256 bytea)
RETURNS TABLE (id bigint, login text, role text, center_code text, national_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT a.id, a.login, a.role, a.center_code, a.national_id
    FROM sessions s JOIN accounts a ON a.id = s.account_id
    WHERE s.token_sha256 = session_account.token_sha256 AND s.ended_at IS NULL AND s.expires_at > now()
      AND a.disabled_at IS NULL
$$;

CREATE FUNCTION account_by_id(id bigint)
RETURNS TABLE (id bigint, login text, role text, center_code text, national_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT a.id, a.login, a.role, a.center_code, a.national_id FROM accounts a
    WHERE a.id = account_by_id.id AND a.disabled_at IS NULL
$$;

CREATE FUNCTION token_account(token_sha256 bytea)
RETURNS TABLE (id bigint, login text, role text, center_code text, national_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT a.id, a.login, a.role, a.center_code, a.national_id
    FROM api_tokens t JOIN accounts a ON a.id = t.account_id
    WHERE t.token_sha256 = token_account.token_sha256 AND t.revoked_at IS NULL AND a.disabled_at IS NULL
$$;

CREATE FUNCTION start_session(account bigint, token_sha256 bytea, lifetime interval) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO sessions (token_sha256, account_id, expires_at) VALUES (token_sha256, account, now() + lifetime);
    INSERT INTO audit_log (action, subject, actor) SELECT 'session.start', 'account:' || a.login, 'account:' || a.login FROM accounts a WHERE a.id = account;
$$;

CREATE FUNCTION end_session(token_sha256 bytea) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE sessions SET ended_at = now() WHERE sessions.token_sha256 = end_session.token_sha256 AND ended_at IS NULL
$$;

-- Failed sign-ins: recorded, and counted over a window (throttling).
CREATE FUNCTION record_auth_failure(subject text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO auth_failures (subject) VALUES (subject);
    DELETE FROM auth_failures WHERE failed_at < now() - interval '1 day';
$$;

CREATE FUNCTION recent_auth_failures(subject text, window_length interval) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT count(*) FROM auth_failures f WHERE f.subject = recent_auth_failures.subject AND f.failed_at > now() - window_length
$$;

-- The schema's version, for the server's readiness check.
CREATE FUNCTION schema_version() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT max(version) FROM schema_migrations
$$;

-- A large import refreshes the planner's statistics of what it wrote: ANALYZE is the owner's, so
-- the importer asks for it here, for these tables only.
CREATE FUNCTION analyze_register(tables text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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

-- Functions are not for everyone: the definer's own are granted where they are needed.
REVOKE EXECUTE ON FUNCTION verify_certificate(text, date), login_account(text), session_account(bytea), token_account(bytea),
    account_by_id(bigint),
    start_session(bigint, bytea, interval), end_session(bytea), record_auth_failure(text), recent_auth_failures(text, interval),
    schema_version(), analyze_register(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION verify_certificate(text, date) TO hocai_public, hocai_admin, hocai_official, hocai_centre, hocai_instructor;
GRANT EXECUTE ON FUNCTION login_account(text), session_account(bytea), token_account(bytea), account_by_id(bigint),
    start_session(bigint, bytea, interval),
    end_session(bytea), record_auth_failure(text), recent_auth_failures(text, interval), schema_version() TO hocai_login;
GRANT EXECUTE ON FUNCTION analyze_register(text[]) TO hocai_importer, hocai_admin;

-- Table privileges: least each role needs. No DELETE, no TRUNCATE, no schema change for any.
GRANT SELECT ON communes, cccd_provinces, targets, training_centers
    TO hocai_admin, hocai_official, hocai_centre, hocai_instructor, hocai_importer;
GRANT INSERT, UPDATE ON training_centers TO hocai_admin;
GRANT SELECT, INSERT, UPDATE ON people, classes, enrolments, completions, certificates, accreditations, revocations,
    participants, report_events, import_batches, audit_log, import_jobs, accounts, api_tokens, report_state TO hocai_admin;
GRANT SELECT, UPDATE (ended_at) ON sessions TO hocai_admin;
GRANT SELECT, INSERT, UPDATE ON people, enrolments, participants, report_events, import_batches, import_jobs, report_state TO hocai_importer;
GRANT SELECT, INSERT ON classes, completions, certificates, accreditations, audit_log TO hocai_importer;
GRANT SELECT ON revocations TO hocai_importer;
GRANT SELECT ON people, classes, enrolments, completions, certificates, accreditations, revocations, import_batches, import_jobs
    TO hocai_centre;
GRANT INSERT ON import_jobs TO hocai_centre, hocai_instructor;
GRANT SELECT ON people, classes, enrolments, completions, certificates, revocations, import_jobs TO hocai_instructor;
GRANT SELECT ON report_events, report_state, import_batches TO hocai_official;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO hocai_admin, hocai_importer;

-- An import stages its rows in temporary tables.
DO $$
BEGIN
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO hocai_importer, hocai_admin', current_database());
END
$$;

-- Row-level security on every table that carries a centre or a class, and on people (personal
-- data), accounts and sessions. The owner (the migrating role, which the command line uses) is
-- not bound by it; every group role is.
ALTER TABLE people ENABLE ROW LEVEL SECURITY;
ALTER TABLE classes ENABLE ROW LEVEL SECURITY;
ALTER TABLE enrolments ENABLE ROW LEVEL SECURITY;
ALTER TABLE completions ENABLE ROW LEVEL SECURITY;
ALTER TABLE certificates ENABLE ROW LEVEL SECURITY;
ALTER TABLE accreditations ENABLE ROW LEVEL SECURITY;
ALTER TABLE revocations ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_batches ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;

-- The administrator: everything (what the grants allow).
CREATE POLICY admin_all ON people TO hocai_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_all ON classes TO hocai_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_all ON enrolments TO hocai_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_all ON completions TO hocai_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_all ON certificates TO hocai_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_all ON accreditations TO hocai_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_all ON revocations TO hocai_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_all ON import_batches TO hocai_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_all ON import_jobs TO hocai_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_all ON accounts TO hocai_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_all ON api_tokens TO hocai_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_all ON sessions TO hocai_admin USING (true);

-- A centre's clerk: what belongs to their centre, and the people enrolled there.
CREATE POLICY centre_own ON classes FOR SELECT TO hocai_centre USING (center_code = hocai_scope_center());
CREATE POLICY centre_own ON enrolments FOR SELECT TO hocai_centre
    USING (class_id IN (SELECT id FROM classes WHERE center_code = hocai_scope_center()));
CREATE POLICY centre_own ON completions FOR SELECT TO hocai_centre
    USING (class_id IN (SELECT id FROM classes WHERE center_code = hocai_scope_center()));
CREATE POLICY centre_own ON certificates FOR SELECT TO hocai_centre
    USING (class_id IN (SELECT id FROM classes WHERE center_code = hocai_scope_center()) OR center_code = hocai_scope_center());
CREATE POLICY centre_own ON accreditations FOR SELECT TO hocai_centre USING (center_code = hocai_scope_center());
CREATE POLICY centre_own ON revocations FOR SELECT TO hocai_centre
    USING (class_id IN (SELECT id FROM classes WHERE center_code = hocai_scope_center()));
CREATE POLICY centre_own ON import_batches FOR SELECT TO hocai_centre USING (center_code = hocai_scope_center());
CREATE POLICY centre_own ON import_jobs FOR SELECT TO hocai_centre USING (center_code = hocai_scope_center());
CREATE POLICY centre_own_insert ON import_jobs FOR INSERT TO hocai_centre
    WITH CHECK (center_code = hocai_scope_center() AND account_id = hocai_scope_account() AND kind <> 'experts');
CREATE POLICY centre_own ON people FOR SELECT TO hocai_centre
    USING (national_id IN (SELECT e.national_id FROM enrolments e JOIN classes c ON c.id = e.class_id
                           WHERE c.center_code = hocai_scope_center())
           OR national_id IN (SELECT a.national_id FROM accreditations a WHERE a.center_code = hocai_scope_center()));

-- An instructor: the classes they teach, their learners and those learners' results.
CREATE POLICY instructor_own ON classes FOR SELECT TO hocai_instructor USING (instructor_id = hocai_scope_instructor());
CREATE POLICY instructor_own ON enrolments FOR SELECT TO hocai_instructor
    USING (class_id IN (SELECT id FROM classes WHERE instructor_id = hocai_scope_instructor()));
CREATE POLICY instructor_own ON completions FOR SELECT TO hocai_instructor
    USING (class_id IN (SELECT id FROM classes WHERE instructor_id = hocai_scope_instructor()));
CREATE POLICY instructor_own ON certificates FOR SELECT TO hocai_instructor
    USING (class_id IN (SELECT id FROM classes WHERE instructor_id = hocai_scope_instructor()));
CREATE POLICY instructor_own ON revocations FOR SELECT TO hocai_instructor
    USING (class_id IN (SELECT id FROM classes WHERE instructor_id = hocai_scope_instructor()));
CREATE POLICY instructor_own ON people FOR SELECT TO hocai_instructor
    USING (national_id IN (SELECT e.national_id FROM enrolments e JOIN classes c ON c.id = e.class_id
                           WHERE c.instructor_id = hocai_scope_instructor()));
CREATE POLICY instructor_own ON import_jobs FOR SELECT TO hocai_instructor USING (account_id = hocai_scope_account());
CREATE POLICY instructor_own_insert ON import_jobs FOR INSERT TO hocai_instructor
    WITH CHECK (account_id = hocai_scope_account() AND kind = 'completions');

-- An official: batches' summaries (counts, no person), besides the report's counts.
CREATE POLICY official_summaries ON import_batches FOR SELECT TO hocai_official USING (true);

-- An import, for one centre (and, for an instructor's results, one instructor's classes). It
-- reads the register to check rows against it (who is registered, which classes exist, who was
-- certified when), which is the nature of an import; it returns only rejects, by line and code.
-- It writes only its centre's classes, enrolments, results and certificates.
CREATE POLICY importer_read ON people FOR SELECT TO hocai_importer USING (true);
CREATE POLICY importer_write ON people FOR INSERT TO hocai_importer WITH CHECK (true);
CREATE POLICY importer_update ON people FOR UPDATE TO hocai_importer USING (true) WITH CHECK (true);
CREATE POLICY importer_read ON classes FOR SELECT TO hocai_importer USING (true);
CREATE POLICY importer_write ON classes FOR INSERT TO hocai_importer
    WITH CHECK (center_code = hocai_scope_center() AND hocai_scope_instructor() IS NULL);
CREATE POLICY importer_read ON enrolments FOR SELECT TO hocai_importer USING (true);
CREATE POLICY importer_write ON enrolments FOR INSERT TO hocai_importer
    WITH CHECK (class_id IN (SELECT id FROM classes WHERE center_code = hocai_scope_center()) AND hocai_scope_instructor() IS NULL);
CREATE POLICY importer_update ON enrolments FOR UPDATE TO hocai_importer
    USING (class_id IN (SELECT id FROM classes WHERE center_code = hocai_scope_center()))
    WITH CHECK (class_id IN (SELECT id FROM classes WHERE center_code = hocai_scope_center()));
CREATE POLICY importer_read ON completions FOR SELECT TO hocai_importer USING (true);
CREATE POLICY importer_write ON completions FOR INSERT TO hocai_importer
    WITH CHECK (class_id IN (SELECT id FROM classes WHERE center_code = hocai_scope_center()
                             AND instructor_id = COALESCE(hocai_scope_instructor(), instructor_id)));
CREATE POLICY importer_read ON certificates FOR SELECT TO hocai_importer USING (true);
CREATE POLICY importer_write ON certificates FOR INSERT TO hocai_importer
    WITH CHECK (class_id IN (SELECT id FROM classes WHERE center_code = hocai_scope_center()
                             AND instructor_id = COALESCE(hocai_scope_instructor(), instructor_id))
                OR (track = 'instructor' AND center_code = hocai_scope_center() AND hocai_scope_instructor() IS NULL));
CREATE POLICY importer_read ON accreditations FOR SELECT TO hocai_importer USING (true);
CREATE POLICY importer_write ON accreditations FOR INSERT TO hocai_importer
    WITH CHECK (track = 'instructor' AND center_code = hocai_scope_center() AND hocai_scope_instructor() IS NULL);
CREATE POLICY importer_read ON revocations FOR SELECT TO hocai_importer USING (true);
CREATE POLICY importer_own ON import_batches FOR SELECT TO hocai_importer USING (center_code = hocai_scope_center());
CREATE POLICY importer_write ON import_batches FOR INSERT TO hocai_importer WITH CHECK (center_code = hocai_scope_center());
CREATE POLICY importer_update ON import_batches FOR UPDATE TO hocai_importer
    USING (center_code = hocai_scope_center()) WITH CHECK (center_code = hocai_scope_center());
CREATE POLICY importer_own ON import_jobs FOR SELECT TO hocai_importer USING (center_code = hocai_scope_center());
CREATE POLICY importer_update ON import_jobs FOR UPDATE TO hocai_importer
    USING (center_code = hocai_scope_center()) WITH CHECK (center_code = hocai_scope_center());

-- A revocation marks its certificate revoked, whoever writes it (its trigger runs as the
-- owner, so the certificate's one changeable column needs no grant of its own).
ALTER FUNCTION mark_certificate_revoked() SECURITY DEFINER SET search_path = public, pg_temp;
