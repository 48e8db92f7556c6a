-- The service's public address, set once where every writer of a link reads it: the verify
-- links printed certificates carry, and what signed credentials name (the issuer, the key set,
-- the status lists). `hocai credential` and `hocai certificate print` read it; `hocai serve`
-- serves it and refuses to start when told another (`--public-url`). One row.

CREATE TABLE publication (
    id integer PRIMARY KEY DEFAULT 1 CONSTRAINT publication_one_row CHECK (id = 1),
    -- http(s), a host name, an optional port and path, no query, fragment or trailing slash.
    public_url text NOT NULL CONSTRAINT publication_public_url CHECK (
        public_url ~ '^https?://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._~%-]+)*$'
        AND char_length(public_url) <= 200),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL DEFAULT hocai_actor()
);
COMMENT ON TABLE publication IS 'The service''s public address (one row): verify links and credentials name it; set with `hocai public-url`.';

INSERT INTO publication (public_url) VALUES ('https://hocai.thainguyen.gov.vn');

-- Public knowledge: every role may read it, through this function only.
CREATE FUNCTION public_url() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT public_url FROM publication WHERE id = 1
$$;

REVOKE EXECUTE ON FUNCTION public_url() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public_url()
    TO hocai_public, hocai_login, hocai_admin, hocai_official, hocai_centre, hocai_instructor, hocai_importer;
GRANT SELECT, UPDATE (public_url, updated_at, updated_by) ON publication TO hocai_admin;
