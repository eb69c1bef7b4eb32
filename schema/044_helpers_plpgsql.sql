-- 044: the two set-returning helpers added by 037 and 041 as PL/pgSQL, like every other
-- policy helper (schema/026): a LANGUAGE sql function that cannot be inlined is planned at
-- every call, a PL/pgSQL one keeps its plans (tests/integration/test_policy_helpers.c).
CREATE OR REPLACE FUNCTION app.shared_advisories() RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 20 AS $$
BEGIN
    RETURN QUERY
        SELECT s.advisory_id FROM advisory_shares s
         WHERE s.org_id IN (SELECT app.member_orgs());
END $$;

CREATE OR REPLACE FUNCTION app.incident_search(p_pattern text) RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 100 AS $$
BEGIN
    RETURN QUERY
        SELECT i.id FROM incidents i
         WHERE (i.title ILIKE p_pattern OR i.description ILIKE p_pattern)
           AND i.org_id IN (SELECT unnest(app.incident_orgs()));  -- called once, not per row
END $$;
