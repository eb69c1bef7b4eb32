-- 053: the organisations a user oversees, as a view the planner sees into (issue 9), for
-- the read policy of organisations, which nearly every statement meets.
--
-- organisations_read asked app.overseen_orgs(), computed whole at every statement that
-- names an organisation: for the reviewer of a parent with 10 000 group companies, 10 000
-- ids (3-4 ms) to let one name through. The same set as a view owned like the tables (as
-- the definer function was), asked with EXISTS for the row at hand: the group companies
-- and suppliers (a link the parent administers or the child confirmed) of the
-- organisations where the user is a reviewer, coordinator or administrator.
CREATE VIEW app.overseen_organisations AS
    SELECT r.child_id AS id FROM org_relations r JOIN memberships m ON m.org_id = r.parent_id
     WHERE m.user_id = app.current_user_id()
       AND m.role IN ('reviewer', 'coordinator', 'org_admin')
       AND (r.administers OR r.confirmed_at IS NOT NULL);
REVOKE ALL ON app.overseen_organisations FROM PUBLIC;
GRANT SELECT ON app.overseen_organisations TO portal_app;

ALTER POLICY organisations_read ON organisations USING (
    id IN (SELECT app.member_orgs())
    OR EXISTS (SELECT 1 FROM app.overseen_organisations v WHERE v.id = organisations.id)
    OR id IN (SELECT parent_id FROM org_relations));
