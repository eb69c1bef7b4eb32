-- Incidents and sharing between organisations (issue 8): a supplier's incident reaches the
-- customers it chose only through a view of exactly the parts it chose, never through the
-- base tables; TLP 2.0 holds on that path too; regulatory obligations, lessons learned and
-- the improvements planned from them stay the supplier's own business; classifying and
-- releasing an incident are a coordinator's acts; update policies check the new row.

-- ---------------------------------------------------------------------------------------
-- Who works on an incident from the inside: its organisation's members and the overseers
-- of a group company (never a customer of a supplier). Read as owner, so that policies on
-- other tables may use it without referring to the policies of incidents.
CREATE FUNCTION app.internal_incidents() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id FROM incidents
     WHERE org_id IN (SELECT app.member_orgs())
        OR org_id IN (SELECT app.overseen_group_companies())
$$;

-- Whether the user coordinates an organisation's incidents: coordinator or administrator
-- of the organisation or of its group parent. Classifying and releasing are theirs.
CREATE FUNCTION app.incident_coordinator(p_org bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT app.has_role(p_org, ARRAY['coordinator', 'org_admin'])
        OR EXISTS (SELECT 1 FROM org_relations r
                    WHERE r.child_id = p_org AND r.kind = 'group_company'
                      AND app.has_role(r.parent_id, ARRAY['coordinator', 'org_admin']))
$$;

REVOKE ALL ON FUNCTION app.internal_incidents(), app.incident_coordinator(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.internal_incidents(), app.incident_coordinator(bigint)
    TO portal_app;

-- ---------------------------------------------------------------------------------------
-- The base tables lose the customer clause (hole 4): a customer reads nothing of them.
DROP POLICY incidents_read ON incidents;
CREATE POLICY incidents_read ON incidents FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()) OR org_id IN (SELECT app.overseen_group_companies()));

DROP POLICY timeline_read ON timeline;
CREATE POLICY timeline_read ON timeline FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()) OR org_id IN (SELECT app.overseen_group_companies()));
-- an entry is written for an organisation one works on, and about one of its reports
DROP POLICY timeline_write ON timeline;
CREATE POLICY timeline_write ON timeline FOR INSERT TO portal_app WITH CHECK (
    user_id = app.current_user_id()
    AND (org_id IN (SELECT app.member_orgs()) OR org_id IN (SELECT app.overseen_group_companies()))
    AND (entity <> 'incident' OR entity_id IN (SELECT app.internal_incidents())));

-- Regulatory obligations (hole 2): only those who work on the incident from the inside.
DROP POLICY obligations_read ON notification_obligations;
CREATE POLICY obligations_read ON notification_obligations FOR SELECT TO portal_app USING (
    incident_id IN (SELECT app.internal_incidents()));

DROP POLICY lessons_read ON lessons;
CREATE POLICY lessons_read ON lessons FOR SELECT TO portal_app USING (
    incident_id IN (SELECT app.internal_incidents()));

DROP POLICY shares_read ON shares;
CREATE POLICY shares_read ON shares FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()) OR incident_id IN (SELECT app.internal_incidents()));

-- Improvements planned from an incident's lessons (hole 6) are seen by those who see the
-- incident from the inside, not by every organisation overseeing the supplier.
DROP POLICY actions_read ON planned_actions;
CREATE POLICY actions_read ON planned_actions FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs())
    OR (org_id IN (SELECT app.overseen_orgs())
        AND (incident_id IS NULL OR incident_id IN (SELECT app.internal_incidents()))));

-- ---------------------------------------------------------------------------------------
-- TLP 2.0 on the way to customers (hole 5). TLP:AMBER+STRICT stays in the organisation:
-- no customer is ever chosen for it, and the view below never shows one. TLP:RED goes to
-- named recipients only: a customer the supplier ticks by name on the incident's page is
-- such a recipient (the form says so), and nobody else of the supplier's customers.
DROP POLICY customers_write ON incident_customers;
CREATE POLICY customers_write ON incident_customers FOR INSERT TO portal_app WITH CHECK (
    chosen_by = app.current_user_id() AND incident_id IN (SELECT app.member_incidents())
    AND incident_id IN (SELECT id FROM incidents WHERE tlp <> 'amber_strict')
    AND customer_org_id IN (SELECT parent_id FROM org_relations));
DROP POLICY customers_update ON incident_customers;
CREATE POLICY customers_update ON incident_customers FOR UPDATE TO portal_app
    USING (incident_id IN (SELECT app.member_incidents()))
    WITH CHECK (chosen_by = app.current_user_id()
                AND incident_id IN (SELECT app.member_incidents())
                AND incident_id IN (SELECT id FROM incidents WHERE tlp <> 'amber_strict'));

-- What a customer sees of a supplier's incident: title and classification, and of the
-- rest exactly the parts the supplier chose (empty otherwise), one row per incident and
-- customer organisation of the user. The view runs with its owner's rights (the base
-- tables' policies do not let customers in); its WHERE clause is the whole access rule.
CREATE VIEW customer_incidents AS
SELECT i.id, i.number, o.name AS org_name, i.title, i.category,
       coalesce(sc.label, i.category) AS category_label, i.severity, i.tlp, i.status,
       i.nature, coalesce(i.system_importance, '') AS system_importance,
       coalesce(i.impact, '') AS impact, coalesce(i.severity_derived, '') AS severity_derived,
       i.detected_at, i.created_at, ic.customer_org_id,
       array_to_string(ic.fields, ',') AS fields,
       CASE WHEN 'description' = ANY (ic.fields) THEN i.description ELSE '' END AS description,
       CASE WHEN 'description' = ANY (ic.fields) THEN i.how_occurred ELSE '' END AS how_occurred,
       CASE WHEN 'description' = ANY (ic.fields) THEN i.why_occurred ELSE '' END AS why_occurred,
       CASE WHEN 'assets' = ANY (ic.fields) THEN i.assets_information ELSE '' END
           AS assets_information,
       CASE WHEN 'assets' = ANY (ic.fields) THEN i.assets_hardware ELSE '' END AS assets_hardware,
       CASE WHEN 'assets' = ANY (ic.fields) THEN i.assets_software ELSE '' END AS assets_software,
       CASE WHEN 'assets' = ANY (ic.fields) THEN i.assets_communications ELSE '' END
           AS assets_communications,
       CASE WHEN 'assets' = ANY (ic.fields) THEN i.assets_documentation ELSE '' END
           AS assets_documentation,
       CASE WHEN 'impact' = ANY (ic.fields) THEN i.impact_confidentiality ELSE '' END
           AS impact_confidentiality,
       CASE WHEN 'impact' = ANY (ic.fields) THEN i.impact_integrity ELSE '' END
           AS impact_integrity,
       CASE WHEN 'impact' = ANY (ic.fields) THEN i.impact_availability ELSE '' END
           AS impact_availability,
       CASE WHEN 'impact' = ANY (ic.fields) THEN i.estimated_cost END AS estimated_cost,
       CASE WHEN 'actions' = ANY (ic.fields) THEN i.actions_taken ELSE '' END AS actions_taken,
       CASE WHEN 'actions' = ANY (ic.fields) THEN i.actions_planned ELSE '' END
           AS actions_planned,
       CASE WHEN 'actions' = ANY (ic.fields) THEN i.actions_outstanding ELSE '' END
           AS actions_outstanding
  FROM incident_customers ic
  JOIN incidents i ON i.id = ic.incident_id
  JOIN organisations o ON o.id = i.org_id
  LEFT JOIN scale_categories sc ON sc.scale_id = coalesce(i.scale_id, app.scale_for(i.org_id))
       AND sc.code = i.category
 WHERE ic.customer_org_id IN (SELECT app.member_orgs())
   AND i.tlp <> 'amber_strict';
REVOKE ALL ON customer_incidents FROM PUBLIC;
GRANT SELECT ON customer_incidents TO portal_app;

-- ---------------------------------------------------------------------------------------
-- Classification and release are a coordinator's acts (hole 9): a reporter may describe
-- the incident further, but its classification (which drives sharing rules) and its TLP
-- change only by a coordinator or administrator of its organisation or of its parent. (A
-- rule still releases an incident as reported: that is the coordinators' standing
-- decision, taken when they made the rule; re-classifying it afterwards is theirs alone.)
-- (checked for the portal's role; the owner's maintenance scripts are not users).
CREATE FUNCTION app.incident_classify_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF (NEW.category, NEW.severity, NEW.tlp, NEW.system_importance, NEW.impact,
        NEW.severity_derived, NEW.severity_reason, NEW.nature, NEW.scale_id)
       IS DISTINCT FROM
       (OLD.category, OLD.severity, OLD.tlp, OLD.system_importance, OLD.impact,
        OLD.severity_derived, OLD.severity_reason, OLD.nature, OLD.scale_id)
       AND current_user = 'portal_app' AND NOT app.incident_coordinator(NEW.org_id) THEN
        RAISE EXCEPTION 'only a coordinator classifies incident %', OLD.id
            USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER incidents_classify_guard BEFORE UPDATE ON incidents
    FOR EACH ROW EXECUTE FUNCTION app.incident_classify_guard();

-- The active rules that apply to an incident (its organisation's and its group parents'),
-- for the classification form: what each needs, and whether it has released it already.
-- Only for those who classify.
CREATE FUNCTION app.incident_rules(p_incident bigint)
RETURNS TABLE (rule_id bigint, recipient text, recipient_max_tlp text, min_severity text,
               categories text[], recipient_categories text[], recipient_severities text[],
               released boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT ru.id, r.name, r.max_tlp, ru.min_severity, ru.categories, r.categories,
           r.severities,
           EXISTS (SELECT 1 FROM shares s WHERE s.incident_id = i.id AND s.rule_id = ru.id)
      FROM incidents i
      JOIN sharing_rules ru ON ru.active AND (ru.org_id = i.org_id OR ru.org_id IN
           (SELECT parent_id FROM org_relations WHERE child_id = i.org_id
                AND kind = 'group_company'))
      JOIN recipients r ON r.id = ru.recipient_id AND r.active
     WHERE i.id = p_incident AND app.incident_coordinator(i.org_id)
     ORDER BY r.name, ru.id
$$;
REVOKE ALL ON FUNCTION app.incident_rules(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.incident_rules(bigint) TO portal_app;

-- ---------------------------------------------------------------------------------------
-- Update policies check the row as it will be (hole 10), not only as it was.
DROP POLICY incidents_update ON incidents;
CREATE POLICY incidents_update ON incidents FOR UPDATE TO portal_app
    USING (app.has_role(org_id, ARRAY['incident_reporter', 'coordinator', 'org_admin'])
           OR org_id IN (SELECT app.overseen_group_companies()))
    WITH CHECK (app.has_role(org_id, ARRAY['incident_reporter', 'coordinator', 'org_admin'])
                OR org_id IN (SELECT app.overseen_group_companies()));
-- deciding on an event moves it out of 'reported', once
DROP POLICY events_decide ON events;
CREATE POLICY events_decide ON events FOR UPDATE TO portal_app
    USING (status = 'reported' AND (app.has_role(org_id, ARRAY['coordinator', 'org_admin'])
           OR org_id IN (SELECT app.overseen_group_companies())))
    WITH CHECK (status IN ('closed_not_incident', 'promoted')
                AND (status = 'promoted') = (incident_id IS NOT NULL)
                AND (app.has_role(org_id, ARRAY['coordinator', 'org_admin'])
                     OR org_id IN (SELECT app.overseen_group_companies())));
DROP POLICY vulns_update ON vulnerabilities;
CREATE POLICY vulns_update ON vulnerabilities FOR UPDATE TO portal_app
    USING (app.has_role(org_id, ARRAY['coordinator', 'org_admin'])
           OR org_id IN (SELECT app.overseen_group_companies()))
    WITH CHECK (app.has_role(org_id, ARRAY['coordinator', 'org_admin'])
                OR org_id IN (SELECT app.overseen_group_companies()));
