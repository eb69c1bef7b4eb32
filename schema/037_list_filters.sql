-- 037: the incident and delivery lists filter, search and sort (issue 10, defect 6) and must
-- stay indexed at a million incidents. The incident list walks an index until a page is
-- full (schema/028): by creation time, or by severity or status and then creation time, for
-- all incidents (a parent overseeing many group companies) or one organisation's (each of
-- a few). Equality filters (status, severity, category, TLP, dates) are checked on the rows
-- walked; an organisation filter walks that organisation's index; a text search (ILIKE
-- over title and description) can use trigram indexes, from pg_trgm, which Debian's
-- postgresql-15 ships and which a database owner may create (a trusted extension).
-- Measured (EXPLAIN ANALYZE, a parent's coordinator over 300 group companies x 1 000
-- incidents, a busy 2-core machine): newest, oldest, by severity or by status first 55-80
-- ms; status+severity, one company, one month 55-65 ms; a group company's coordinator
-- 35-50 ms; a search 0.4-1.2 s (it walks the list's index against the search's matches).

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- Sort keys: the most severe, and the least advanced status, rank highest, so that
-- "descending" lists what needs attention first.
CREATE FUNCTION app.severity_rank(p_severity text) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_position(ARRAY['information', 'warning', 'critical', 'emergency'],
                                   p_severity), 0)
$$;
CREATE FUNCTION app.status_rank(p_status text) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_position(ARRAY['closed', 'resolved', 'responding', 'open'], p_status), 0)
$$;
GRANT EXECUTE ON FUNCTION app.severity_rank(text), app.status_rank(text) TO portal_app;

CREATE INDEX incidents_severity_created
    ON incidents (app.severity_rank(severity) DESC, created_at DESC, id DESC);
CREATE INDEX incidents_status_created
    ON incidents (app.status_rank(status) DESC, created_at DESC, id DESC);
CREATE INDEX incidents_org_severity_created
    ON incidents (org_id, app.severity_rank(severity) DESC, created_at DESC, id DESC);
CREATE INDEX incidents_org_status_created
    ON incidents (org_id, app.status_rank(status) DESC, created_at DESC, id DESC);
CREATE INDEX incidents_title_trgm ON incidents USING gin (title gin_trgm_ops);
CREATE INDEX incidents_description_trgm ON incidents USING gin (description gin_trgm_ops);

-- The delivery list (GET /deliveries): an organisation's deliveries, those that arose from
-- its incidents and those to its own recipients, newest first.
CREATE INDEX outbox_org_created ON outbox (org_id, created_at DESC, id DESC)
    WHERE incident_id IS NOT NULL;
CREATE INDEX outbox_recipient_org_created ON outbox (recipient_org_id, created_at DESC, id DESC)
    WHERE incident_id IS NOT NULL;

-- The search. Row-level security keeps a query's non-leakproof conditions (ILIKE) out of
-- its index conditions, so under the incidents_read policy the trigram indexes would never
-- be used and a search would read every visible row. This function searches as the
-- table's owner, through the trigram indexes, and returns only incidents of the
-- organisations incidents_read lets the user read (app.incident_orgs, schema/028).
CREATE FUNCTION app.incident_search(p_pattern text) RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 100 AS $$
    SELECT id FROM incidents
     WHERE (title ILIKE p_pattern OR description ILIKE p_pattern)
       AND org_id IN (SELECT unnest(app.incident_orgs()))  -- called once, not per row
$$;
REVOKE ALL ON FUNCTION app.incident_search(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.incident_search(text) TO portal_app;
