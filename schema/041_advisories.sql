-- 041: security advisories an organisation takes in (issue 11, part 1): CSAF 2.0 documents
-- from authorities and vendors, each checked against the official schema before it is
-- stored (lib/json_schema.c). The document is kept whole; what lists and pages sort and
-- search by is kept beside it. A newer revision of the same advisory (same publisher
-- namespace and tracking id) supersedes the older one, which stays readable.
--
-- An advisory belongs to the organisation that took it in: its members read it (row-level
-- security); its coordinators and administrators take advisories in and pass them on to
-- their group companies and suppliers under the advisory's TLP (advisory_shares): CLEAR
-- and GREEN to any of them, AMBER (and an unmarked document) to those named one by one,
-- RED to nobody. The members of an organisation it was passed to read it too.

CREATE TABLE advisories (
    id                   bigserial PRIMARY KEY,
    org_id               bigint NOT NULL REFERENCES organisations(id),
    publisher_namespace  text NOT NULL CHECK (length(publisher_namespace) BETWEEN 1 AND 1000),
    publisher_name       text NOT NULL CHECK (length(publisher_name) BETWEEN 1 AND 1000),
    tracking_id          text NOT NULL CHECK (length(tracking_id) BETWEEN 1 AND 1000),
    version              text NOT NULL CHECK (length(version) BETWEEN 1 AND 100),
    title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
    -- TLP 2.0 of the document (CSAF 2.0 writes TLP 1.0: WHITE is taken as CLEAR);
    -- 'unmarked' when the document has none, handled as TLP:AMBER
    tlp                  text NOT NULL CHECK (tlp IN ('clear', 'green', 'amber', 'red',
                                                      'unmarked')),
    current_release_date timestamptz NOT NULL,
    cves                 text[] NOT NULL DEFAULT '{}',
    document             jsonb NOT NULL,
    superseded_by        bigint REFERENCES advisories(id),
    imported_by          bigint NOT NULL REFERENCES users(id),
    imported_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, publisher_namespace, tracking_id, version)
);
CREATE INDEX advisories_org ON advisories (org_id, current_release_date DESC, id DESC);
CREATE INDEX advisories_cves ON advisories USING gin (cves);

-- The organisations an advisory was passed on to, by whom and when; never changed.
CREATE TABLE advisory_shares (
    advisory_id bigint NOT NULL REFERENCES advisories(id),
    org_id      bigint NOT NULL REFERENCES organisations(id),
    shared_by   bigint NOT NULL REFERENCES users(id),
    shared_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (advisory_id, org_id)
);
CREATE INDEX advisory_shares_org ON advisory_shares (org_id);

-- The advisories passed on to an organisation the user is a member of (for the read
-- policy, which cannot ask advisory_shares under its own policy without recursion).
CREATE FUNCTION app.shared_advisories() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 20 AS $$
    SELECT s.advisory_id FROM advisory_shares s WHERE s.org_id IN (SELECT app.member_orgs())
$$;
REVOKE ALL ON FUNCTION app.shared_advisories() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.shared_advisories() TO portal_app;

-- TLP on the way down, whoever writes the row: never TLP:RED, and only to a group company
-- or supplier of the organisation that took the advisory in (a link it administers or the
-- child confirmed).
CREATE FUNCTION app.advisory_share_allowed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    a advisories%ROWTYPE;
BEGIN
    SELECT * INTO a FROM advisories WHERE id = NEW.advisory_id;
    IF a.tlp = 'red' THEN
        RAISE EXCEPTION 'a TLP:RED advisory is not passed on' USING ERRCODE = 'check_violation';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM org_relations r
                    WHERE r.parent_id = a.org_id AND r.child_id = NEW.org_id
                      AND (r.administers OR r.confirmed_at IS NOT NULL)) THEN
        RAISE EXCEPTION 'advisories are passed on only to group companies and suppliers'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER advisory_share_allowed BEFORE INSERT ON advisory_shares
    FOR EACH ROW EXECUTE FUNCTION app.advisory_share_allowed();

ALTER TABLE advisories ENABLE ROW LEVEL SECURITY;
CREATE POLICY advisories_read ON advisories FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()) OR id IN (SELECT app.shared_advisories()));
CREATE POLICY advisories_insert ON advisories FOR INSERT TO portal_app WITH CHECK (
    app.has_role(org_id, ARRAY['coordinator', 'org_admin'])
    AND imported_by = app.current_user_id());
-- only the supersession of an older revision by a newer one is ever changed
CREATE POLICY advisories_supersede ON advisories FOR UPDATE TO portal_app
    USING (app.has_role(org_id, ARRAY['coordinator', 'org_admin']))
    WITH CHECK (app.has_role(org_id, ARRAY['coordinator', 'org_admin']));

ALTER TABLE advisory_shares ENABLE ROW LEVEL SECURITY;
CREATE POLICY advisory_shares_read ON advisory_shares FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs())
    OR advisory_id IN (SELECT id FROM advisories WHERE org_id IN (SELECT app.member_orgs())));
CREATE POLICY advisory_shares_insert ON advisory_shares FOR INSERT TO portal_app WITH CHECK (
    shared_by = app.current_user_id()
    AND advisory_id IN (SELECT id FROM advisories
                         WHERE app.has_role(org_id, ARRAY['coordinator', 'org_admin'])));

GRANT SELECT, INSERT ON advisories, advisory_shares TO portal_app;
GRANT UPDATE (superseded_by) ON advisories TO portal_app;
GRANT USAGE ON SEQUENCE advisories_id_seq TO portal_app;
