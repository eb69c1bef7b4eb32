-- 032: the policies that ask "is this row's incident one the user works on" look up that
-- incident, instead of computing every incident the user works on (issue 9). Measured with
-- 1 000 000 incidents across 1 000 group companies: reporting one incident took 200-400 ms
-- and the benchmark's reports timed out, because the timeline row's WITH CHECK computed
-- app.internal_incidents(), whose "org_id IN (...) OR org_id IN (...)" read every incident
-- (a sequential scan of the million) at every statement; for a parent's coordinator the set
-- itself is the million. The same sets guarded the reads of obligations, lessons, shares,
-- planned actions and incident customers.
--
-- Each function below answers for one incident with its primary key and the user's
-- memberships, as the sets did for all of them; every policy that named a set is rewritten
-- from its own text with "x IN (SELECT set())" replaced by "function(x)", which means the
-- same for every x, NULL included (neither is true). The sets stay for other callers.

-- Whether the user works on incident p_incident: it belongs to one of their organisations
-- or to a group company they oversee (app.internal_incidents, for one incident).
CREATE FUNCTION app.is_internal_incident(p_incident bigint) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM incidents i
                     JOIN memberships m ON m.org_id = i.org_id
                    WHERE i.id = p_incident AND m.user_id = app.current_user_id())
        OR EXISTS (SELECT 1 FROM incidents i
                     JOIN org_relations r ON r.child_id = i.org_id AND r.kind = 'group_company'
                     JOIN memberships m ON m.org_id = r.parent_id
                    WHERE i.id = p_incident AND m.user_id = app.current_user_id()
                      AND m.role IN ('reviewer', 'coordinator', 'org_admin'));
END $$;

-- Whether incident p_incident belongs to one of the user's organisations
-- (app.member_incidents, for one incident).
CREATE FUNCTION app.is_member_incident(p_incident bigint) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM incidents i
                     JOIN memberships m ON m.org_id = i.org_id
                    WHERE i.id = p_incident AND m.user_id = app.current_user_id());
END $$;

REVOKE ALL ON FUNCTION app.is_internal_incident(bigint), app.is_member_incident(bigint)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.is_internal_incident(bigint), app.is_member_incident(bigint)
    TO portal_app;

DO $migrate$
DECLARE
    p record;
    qual text;
    check_expr text;
    changed int := 0;
BEGIN
    FOR p IN
        SELECT pol.polname, c.relname, pg_get_expr(pol.polqual, pol.polrelid) AS qual,
               pg_get_expr(pol.polwithcheck, pol.polrelid) AS check_expr
          FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid
         WHERE coalesce(pg_get_expr(pol.polqual, pol.polrelid), '')
               || coalesce(pg_get_expr(pol.polwithcheck, pol.polrelid), '')
               ~ 'app\.(internal|member)_incidents\(\)'
    LOOP
        qual := regexp_replace(p.qual,
            '\((\w+) IN \( SELECT app\.(internal|member)_incidents\(\) AS \w+\)\)',
            '(app.is_\2_incident(\1))', 'g');
        check_expr := regexp_replace(p.check_expr,
            '\((\w+) IN \( SELECT app\.(internal|member)_incidents\(\) AS \w+\)\)',
            '(app.is_\2_incident(\1))', 'g');
        IF coalesce(qual, '') || coalesce(check_expr, '') ~ '_incidents\(\)' THEN
            RAISE EXCEPTION 'policy % on % still names a set: % | %',
                p.polname, p.relname, qual, check_expr;
        END IF;
        IF qual IS NOT NULL THEN
            EXECUTE format('ALTER POLICY %I ON %I USING (%s)', p.polname, p.relname, qual);
        END IF;
        IF check_expr IS NOT NULL THEN
            EXECUTE format('ALTER POLICY %I ON %I WITH CHECK (%s)', p.polname, p.relname,
                           check_expr);
        END IF;
        changed := changed + 1;
    END LOOP;
    IF changed < 6 THEN
        RAISE EXCEPTION 'expected the six tables'' policies, rewrote %', changed;
    END IF;
END
$migrate$;

-- A supplier names its incident's customers only for an incident that is not AMBER+STRICT:
-- asked of that one incident, not of every incident the supplier reads.
ALTER POLICY customers_write ON incident_customers WITH CHECK (
    chosen_by = app.current_user_id() AND app.is_member_incident(incident_id)
    AND EXISTS (SELECT 1 FROM incidents i
                 WHERE i.id = incident_customers.incident_id AND i.tlp <> 'amber_strict')
    AND customer_org_id IN (SELECT org_relations.parent_id FROM org_relations));
ALTER POLICY customers_update ON incident_customers WITH CHECK (
    chosen_by = app.current_user_id() AND app.is_member_incident(incident_id)
    AND EXISTS (SELECT 1 FROM incidents i
                 WHERE i.id = incident_customers.incident_id AND i.tlp <> 'amber_strict'));
