-- 047: advisory feeds an organisation registers (issue 11, part 1): a CSAF provider (its
-- provider-metadata.json, whose distributions name a ROLIE feed or a directory with
-- index.txt / changes.csv) or a MISP feed (manifest.json and one <uuid>.json per event).
-- The forwarder polls the due feeds with the delivery address policy and conditional GETs
-- (ETag / If-Modified-Since); every document goes through the same schema check as an
-- upload and is stored under the feed's organisation. The feed keeps what its page shows:
-- when it was last polled and how that went; each document it named keeps its validators
-- for the next conditional GET and, when it was refused, the reasons.
--
-- A feed belongs to its organisation: its members read it (row-level security); its
-- coordinators and administrators add and remove it. The forwarder reads and updates
-- every feed (its own role), as it does the outbox.

CREATE TABLE advisory_feeds (
    id             bigserial PRIMARY KEY,
    org_id         bigint NOT NULL REFERENCES organisations(id),
    kind           text NOT NULL CHECK (kind IN ('csaf', 'misp')),
    url            text NOT NULL CHECK (length(url) BETWEEN 8 AND 1000),
    created_by     bigint NOT NULL REFERENCES users(id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    -- the feed's own document (provider-metadata.json, manifest.json) as last fetched
    etag           text,
    last_modified  text,
    next_poll_at   timestamptz NOT NULL DEFAULT now(),
    last_polled_at timestamptz,
    -- 'imported': something new was stored; 'unchanged': nothing new (304 or all known);
    -- 'failed': the feed could not be read (last_error says why)
    last_outcome   text CHECK (last_outcome IN ('imported', 'unchanged', 'failed')),
    last_error     text,
    last_imported  int NOT NULL DEFAULT 0,
    last_refused   int NOT NULL DEFAULT 0,
    UNIQUE (org_id, url)
);
CREATE INDEX advisory_feeds_due ON advisory_feeds (next_poll_at);

-- The documents a feed named: their validators for the next conditional GET, the advisory
-- each became, or the schema's reasons when it was refused (nothing of it stored).
CREATE TABLE advisory_feed_documents (
    feed_id       bigint NOT NULL REFERENCES advisory_feeds(id) ON DELETE CASCADE,
    url           text NOT NULL,
    etag          text,
    last_modified text,
    advisory_id   bigint REFERENCES advisories(id),
    problems      jsonb,
    checked_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (feed_id, url)
);

ALTER TABLE advisory_feeds ENABLE ROW LEVEL SECURITY;
CREATE POLICY advisory_feeds_read ON advisory_feeds FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()));
CREATE POLICY advisory_feeds_insert ON advisory_feeds FOR INSERT TO portal_app WITH CHECK (
    app.has_role(org_id, ARRAY['coordinator', 'org_admin'])
    AND created_by = app.current_user_id());
CREATE POLICY advisory_feeds_delete ON advisory_feeds FOR DELETE TO portal_app USING (
    app.has_role(org_id, ARRAY['coordinator', 'org_admin']));
CREATE POLICY advisory_feeds_forwarder ON advisory_feeds FOR ALL TO portal_forwarder
    USING (true);

ALTER TABLE advisory_feed_documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY advisory_feed_documents_read ON advisory_feed_documents FOR SELECT TO portal_app
    USING (feed_id IN (SELECT id FROM advisory_feeds));
CREATE POLICY advisory_feed_documents_forwarder ON advisory_feed_documents FOR ALL
    TO portal_forwarder USING (true);

GRANT SELECT, INSERT, DELETE ON advisory_feeds TO portal_app;
GRANT USAGE ON SEQUENCE advisory_feeds_id_seq TO portal_app;
GRANT SELECT ON advisory_feed_documents TO portal_app;
GRANT SELECT, UPDATE ON advisory_feeds TO portal_forwarder;
GRANT SELECT, INSERT, UPDATE, DELETE ON advisory_feed_documents TO portal_forwarder;

-- The forwarder stores what a feed brings under the feed's organisation, taken in by the
-- person who registered the feed, and lets a newer revision supersede (lib/feed_poll.c).
CREATE POLICY advisories_forwarder ON advisories FOR ALL TO portal_forwarder USING (true);
GRANT SELECT, INSERT ON advisories TO portal_forwarder;
GRANT UPDATE (superseded_by) ON advisories TO portal_forwarder;
GRANT USAGE ON SEQUENCE advisories_id_seq TO portal_forwarder;
