-- 055: MISP events taken in from MISP feeds (issue 11, part 1). A MISP event is not a CSAF
-- advisory: it has no tracking id, version or product tree, but a uuid, a title (info), the
-- organisation that created it (Orgc), a date, a timestamp that changes with every edit
-- (its revision here), a threat level, tags (TLP among them) and attributes (indicators;
-- "vulnerability" ones name CVEs). It is kept whole (event, jsonb) with what pages show
-- beside it. A newer timestamp for the same uuid supersedes the older row, which stays
-- readable, as advisories do.
--
-- An event belongs to the organisation whose feed brought it: its members read it
-- (row-level security; the handlers check the same). Only the forwarder writes events
-- (lib/misp_feed_poll.c), under the feed's organisation, as taken in by the person who
-- registered the feed. A feed's document row names the event its file became.

CREATE TABLE misp_events (
    id               bigserial PRIMARY KEY,
    org_id           bigint NOT NULL REFERENCES organisations(id),
    feed_id          bigint REFERENCES advisory_feeds(id) ON DELETE SET NULL,
    uuid             uuid NOT NULL,
    info             text NOT NULL CHECK (length(info) BETWEEN 1 AND 1000),
    publisher        text NOT NULL DEFAULT '' CHECK (length(publisher) <= 1000),
    event_date       date,
    -- the event's timestamp (seconds since 1970): its revision
    event_timestamp  bigint NOT NULL CHECK (event_timestamp >= 0),
    -- TLP 2.0 from the event's tags (tlp:white is taken as clear); 'unmarked' when none,
    -- handled as TLP:AMBER
    tlp              text NOT NULL CHECK (tlp IN ('clear', 'green', 'amber', 'amber+strict',
                                                  'red', 'unmarked')),
    -- MISP's threat_level_id: 1 high, 2 medium, 3 low, 4 undefined
    threat_level     smallint NOT NULL CHECK (threat_level BETWEEN 1 AND 4),
    cves             text[] NOT NULL DEFAULT '{}',
    -- attributes per type ({"ip-dst": 3, ...}), the objects' included, and in all
    attribute_counts jsonb NOT NULL DEFAULT '{}',
    attributes       int NOT NULL DEFAULT 0,
    event            jsonb NOT NULL,
    superseded_by    bigint REFERENCES misp_events(id),
    imported_by      bigint NOT NULL REFERENCES users(id),
    imported_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, uuid, event_timestamp)
);
CREATE INDEX misp_events_org ON misp_events (org_id, event_timestamp DESC, id DESC);
CREATE INDEX misp_events_cves ON misp_events USING gin (cves);

ALTER TABLE misp_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY misp_events_read ON misp_events FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()));
CREATE POLICY misp_events_forwarder ON misp_events FOR ALL TO portal_forwarder USING (true);

GRANT SELECT ON misp_events TO portal_app;
GRANT SELECT, INSERT ON misp_events TO portal_forwarder;
GRANT UPDATE (superseded_by) ON misp_events TO portal_forwarder;
GRANT USAGE ON SEQUENCE misp_events_id_seq TO portal_forwarder;

-- The event a MISP feed's file became (advisory_id stays for CSAF documents).
ALTER TABLE advisory_feed_documents ADD COLUMN misp_event_id bigint REFERENCES misp_events(id);
