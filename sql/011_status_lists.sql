-- Revocation status lists (W3C Bitstring Status List v1.0) for signed credentials: a credential
-- that leaves the register carries the URL of a list and its index there, and the list, signed
-- by the issuer, says whether it has been revoked since.
--
-- An index is given to a certificate the first time a credential is signed for it, at random
-- within a list of 1,048,576 entries (so that the index says nothing of when or to whom it was
-- given); a list takes new entries until half full, then the next list begins. The bit of an
-- entry is its certificate's `revoked`: the list served is read from the register as it stands,
-- so a committed revocation is in the next list fetched. `status_list_state.version`, bumped by
-- every revocation and every new entry in their own transactions, lets a server keep a signed
-- list until it changes.

CREATE TABLE status_list_entries (
    certificate_code text PRIMARY KEY REFERENCES certificates,
    list integer NOT NULL CONSTRAINT status_list_entries_list CHECK (list >= 1),
    status_index integer NOT NULL CONSTRAINT status_list_entries_index CHECK (status_index >= 0 AND status_index < 1048576),
    assigned_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT status_list_entries_slot UNIQUE (list, status_index)
);
COMMENT ON TABLE status_list_entries IS
    'A certificate''s place in a revocation status list (list, index), given when a credential is first signed for it; append-only.';

CREATE TRIGGER status_list_entries_append_only BEFORE UPDATE OR DELETE ON status_list_entries
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER status_list_entries_no_truncate BEFORE TRUNCATE ON status_list_entries
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE TABLE status_list_state (
    id integer PRIMARY KEY CONSTRAINT status_list_state_one CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO status_list_state VALUES (1, 0);

CREATE FUNCTION bump_status_list_state() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE status_list_state SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER status_list_revocation AFTER INSERT ON revocations
    FOR EACH STATEMENT EXECUTE FUNCTION bump_status_list_state();
CREATE TRIGGER status_list_new_entry AFTER INSERT ON status_list_entries
    FOR EACH STATEMENT EXECUTE FUNCTION bump_status_list_state();

-- The certificate's entry, given now if it has none: a free random index of the current list.
CREATE FUNCTION assign_status_entry(code text) RETURNS TABLE (list integer, status_index integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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

-- What a list says: the indices of its revoked certificates, and the state's version.
CREATE FUNCTION status_list_revoked(list integer) RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT e.status_index FROM status_list_entries e JOIN certificates c ON c.code = e.certificate_code
    WHERE e.list = status_list_revoked.list AND c.revoked
$$;

CREATE FUNCTION status_list_version() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT version FROM status_list_state WHERE id = 1
$$;

REVOKE EXECUTE ON FUNCTION assign_status_entry(text), status_list_revoked(integer), status_list_version(), bump_status_list_state()
    FROM PUBLIC;
-- Lists are public documents: the public role serves them. Entries are given by administrators
-- (and the schema's owner, the command line).
GRANT EXECUTE ON FUNCTION status_list_revoked(integer), status_list_version() TO hocai_public, hocai_admin;
GRANT EXECUTE ON FUNCTION assign_status_entry(text) TO hocai_admin;
GRANT SELECT ON status_list_entries, status_list_state TO hocai_admin;
ALTER TABLE status_list_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY admin_all ON status_list_entries FOR SELECT TO hocai_admin USING (true);
