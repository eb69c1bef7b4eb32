-- 041: security advisories an organisation takes in (issue 11, part 1): CSAF 2.0 documents
-- from authorities and vendors, each checked against the official schema before it is
-- stored (lib/json_schema.c). The document is kept whole; what lists and pages sort and
-- search by is kept beside it. A newer revision of the same advisory (same publisher
-- namespace and tracking id) supersedes the older one, which stays readable.
--
-- An advisory belongs to the organisation that took it in: its members read it (row-level
-- security); its coordinators and administrators take advisories in. Passing advisories
-- down the group under their TLP comes with the sharing of part 1's last step.

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

ALTER TABLE advisories ENABLE ROW LEVEL SECURITY;
CREATE POLICY advisories_read ON advisories FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()));
CREATE POLICY advisories_insert ON advisories FOR INSERT TO portal_app WITH CHECK (
    app.has_role(org_id, ARRAY['coordinator', 'org_admin'])
    AND imported_by = app.current_user_id());
-- only the supersession of an older revision by a newer one is ever changed
CREATE POLICY advisories_supersede ON advisories FOR UPDATE TO portal_app
    USING (app.has_role(org_id, ARRAY['coordinator', 'org_admin']))
    WITH CHECK (app.has_role(org_id, ARRAY['coordinator', 'org_admin']));

GRANT SELECT, INSERT ON advisories TO portal_app;
GRANT UPDATE (superseded_by) ON advisories TO portal_app;
GRANT USAGE ON SEQUENCE advisories_id_seq TO portal_app;
