-- 056: what the portal's metrics listener reads from the database at scrape time (issue 12,
-- Metrics): outbox depth and the age of its oldest undelivered row, the rows given up,
-- and the regulatory clocks running out.
--
-- Those figures span every tenant, which no login role may read under row-level security.
-- Rather than a role with BYPASSRLS, the listener connects as portal_metrics (made by
-- deploy/services.sh db_setup: LOGIN, no other rights) and may only call
-- metrics.snapshot(), a definer function that returns six numbers and never a row:
-- nobody learns a tenant's data, names or counts from it. It lives in its own schema so
-- that portal_app, which may execute everything in app, cannot call it.
CREATE SCHEMA metrics AUTHORIZATION portal_owner;

-- The oldest undelivered row is found in this small partial index, not by a scan of the
-- whole outbox (delivered rows are never deleted).
CREATE INDEX outbox_undelivered_created ON outbox (created_at) WHERE state IN ('pending', 'failing');

CREATE FUNCTION metrics.snapshot(
    OUT outbox_depth bigint, OUT outbox_oldest_age_s double precision,
    OUT deliveries_failed bigint, OUT clocks_due_24h bigint, OUT clocks_overdue bigint,
    OUT next_clock_s double precision)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT (SELECT count(*) FROM outbox WHERE state IN ('pending', 'failing')),
           coalesce((SELECT extract(epoch FROM now() - min(created_at))::float8
                       FROM outbox WHERE state IN ('pending', 'failing')), 0),
           (SELECT count(*) FROM outbox WHERE state = 'failed'),
           -- a clock runs while its report is unsent and the incident is reportable under
           -- the regime (as the coordinators' queue, cgi/handler_obligation.c, counts it)
           c.due_24h, c.overdue, c.next_s
      FROM (SELECT count(*) FILTER (WHERE o.due_at >= now()
                                      AND o.due_at < now() + interval '24 hours') AS due_24h,
                   count(*) FILTER (WHERE o.due_at < now()) AS overdue,
                   extract(epoch FROM min(o.due_at) FILTER (WHERE o.due_at >= now())
                                      - now())::float8 AS next_s
              FROM notification_obligations o JOIN incidents i ON i.id = o.incident_id
             WHERE o.sent_at IS NULL AND o.due_at IS NOT NULL
               AND CASE o.regime WHEN 'nis2' THEN i.reportable_nis2 ELSE i.reportable_gdpr END) c
$$;
REVOKE ALL ON FUNCTION metrics.snapshot() FROM PUBLIC;
REVOKE ALL ON SCHEMA metrics FROM PUBLIC;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portal_metrics') THEN
        GRANT USAGE ON SCHEMA metrics TO portal_metrics;
        GRANT EXECUTE ON FUNCTION metrics.snapshot() TO portal_metrics;
    ELSE
        RAISE WARNING 'role portal_metrics missing: create it (deploy/services.sh db_setup) '
                      'and grant it USAGE on schema metrics, EXECUTE on metrics.snapshot()';
    END IF;
END $$;
