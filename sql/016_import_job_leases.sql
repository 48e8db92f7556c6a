-- More than one `hocai serve` on one register.
--
-- An import job is held by the server that accepted it (`server_id`, a name it takes at each
-- start) for as long as its lease runs; the server renews the lease of its queued jobs, and a
-- running job's import transaction holds its row (FOR NO KEY UPDATE) until it commits. A job
-- that is neither renewed nor held belongs to a server that stopped: any server fails it (its
-- import rolled back with the dead connection), taking it FOR UPDATE SKIP LOCKED, so a running
-- import is never touched and two servers never fail the same job twice. Jobs written before
-- this migration have no lease and count as expired.
ALTER TABLE import_jobs ADD COLUMN server_id text, ADD COLUMN lease_until timestamptz;
CREATE INDEX import_jobs_open ON import_jobs (lease_until) WHERE status IN ('queued', 'running');

-- A job's rejects file, in the register rather than on the disk of the server that ran it, so
-- that any server answers its download: parts of at most 1 MiB, written in the job's own
-- import transaction (a job is done with its rejects, or not at all).
CREATE TABLE import_job_rejects (
    job_id uuid NOT NULL REFERENCES import_jobs ON DELETE CASCADE,
    part integer NOT NULL CONSTRAINT import_job_rejects_part CHECK (part >= 0),
    content bytea NOT NULL,
    PRIMARY KEY (job_id, part)
);

-- How far a running job has read, written each second by the server running it, so that any
-- server shows its progress.
CREATE TABLE import_job_progress (
    job_id uuid PRIMARY KEY REFERENCES import_jobs ON DELETE CASCADE,
    rows_read bigint NOT NULL CONSTRAINT import_job_progress_rows CHECK (rows_read >= 0),
    bytes_read bigint NOT NULL CONSTRAINT import_job_progress_bytes CHECK (bytes_read >= 0),
    total_bytes bigint NOT NULL CONSTRAINT import_job_progress_total CHECK (total_bytes >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE, DELETE ON import_job_rejects, import_job_progress TO hocai_admin;
GRANT SELECT, INSERT ON import_job_rejects TO hocai_importer;
GRANT SELECT ON import_job_rejects, import_job_progress TO hocai_centre, hocai_instructor;

-- Whoever may see a job sees its rejects and progress (the subquery is bound by the reader's
-- own policies on import_jobs); an import writes the rejects of a job it may see.
ALTER TABLE import_job_rejects ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_job_progress ENABLE ROW LEVEL SECURITY;
CREATE POLICY admin_all ON import_job_rejects TO hocai_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_all ON import_job_progress TO hocai_admin USING (true) WITH CHECK (true);
CREATE POLICY job_visible ON import_job_rejects FOR SELECT TO hocai_centre, hocai_instructor, hocai_importer
    USING (job_id IN (SELECT id FROM import_jobs));
CREATE POLICY importer_write ON import_job_rejects FOR INSERT TO hocai_importer
    WITH CHECK (job_id IN (SELECT id FROM import_jobs));
CREATE POLICY job_visible ON import_job_progress FOR SELECT TO hocai_centre, hocai_instructor
    USING (job_id IN (SELECT id FROM import_jobs));
