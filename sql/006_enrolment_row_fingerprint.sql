-- Each enrolment keeps the fingerprint of the learner row that last wrote it: SHA-256 of the
-- sending centre, its file's header and the row's cells, cut to 16 bytes (hocai's
-- RowFingerprint). When a centre sends its roster again, the rows whose fingerprint an
-- enrolment holds are known unchanged before they are checked, and the import checks and
-- merges only the rest. NULL for enrolments written before this migration; the next learner
-- roster that names them writes it.

ALTER TABLE enrolments ADD COLUMN roster_fingerprint bytea
    CONSTRAINT enrolments_roster_fingerprint_length CHECK (octet_length(roster_fingerprint) = 16);

COMMENT ON COLUMN enrolments.roster_fingerprint IS
    'SHA-256 (first 16 bytes) of the learner roster row that last wrote this enrolment, with its centre and header; '
    'a row sent again with the same fingerprint is unchanged and skipped.';
