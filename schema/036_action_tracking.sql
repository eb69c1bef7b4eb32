-- 036_action_tracking.sql - improvement actions tracked after planning (issue 10, defect 7):
-- a status that may also be cancelled, the parent organisation that assigned an action to
-- its supplier, and a history of every change (who, when, status, owner, due date and a
-- comment), shown on the action's page.
--
-- Who may do what:
--   * members of the organisation planning for themselves (as before, actions_write);
--   * an org_admin or reviewer of a parent overseeing the child (app.managed_children)
--     may create an action for the child and update the actions it assigned;
--   * the child's members see and update every action of theirs, assigned ones too;
--   * nobody else sees an action or its history.

ALTER TABLE planned_actions DROP CONSTRAINT planned_actions_status_check;
ALTER TABLE planned_actions ADD CONSTRAINT planned_actions_status_check
    CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled'));
ALTER TABLE planned_actions ADD COLUMN assigned_by_org bigint REFERENCES organisations(id);
ALTER TABLE planned_actions ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Children whose remediation the user manages: those of a parent where the user is
-- org_admin or reviewer, over a link the child confirmed (or the parent administers).
-- PL/pgSQL, as every policy helper (schema/026): its plan is kept per connection.
CREATE FUNCTION app.managed_children() RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 5 AS $$
BEGIN
    RETURN QUERY
    SELECT DISTINCT r.child_id
      FROM org_relations r JOIN memberships m ON m.org_id = r.parent_id
     WHERE m.user_id = app.current_user_id()
       AND m.role IN ('org_admin', 'reviewer')
       AND (r.administers OR r.confirmed_at IS NOT NULL);
END
$$;

-- The parent through which the user manages p_child (the lowest id when several), or NULL.
CREATE FUNCTION app.managing_parent(p_child bigint) RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    result bigint;
BEGIN
    SELECT min(r.parent_id) INTO result
      FROM org_relations r JOIN memberships m ON m.org_id = r.parent_id
     WHERE r.child_id = p_child AND m.user_id = app.current_user_id()
       AND m.role IN ('org_admin', 'reviewer')
       AND (r.administers OR r.confirmed_at IS NOT NULL);
    RETURN result;
END
$$;

CREATE POLICY actions_assign ON planned_actions FOR INSERT TO portal_app WITH CHECK (
    org_id IN (SELECT app.managed_children())
    AND assigned_by_org = app.managing_parent(org_id)
    AND created_by = app.current_user_id());
CREATE POLICY actions_assigned_update ON planned_actions FOR UPDATE TO portal_app
    USING (org_id IN (SELECT app.managed_children())
           AND assigned_by_org IN (SELECT app.member_orgs()))
    WITH CHECK (org_id IN (SELECT app.managed_children())
                AND assigned_by_org IN (SELECT app.member_orgs()));

-- One row per create or change of an action: the values after it, and the comment.
CREATE TABLE action_history (
    id          bigserial PRIMARY KEY,
    action_id   bigint NOT NULL REFERENCES planned_actions(id),
    changed_by  bigint NOT NULL REFERENCES users(id),
    who         text NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    status      text NOT NULL,
    owner_name  text NOT NULL,
    due_date    date NOT NULL,
    comment     text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000)
);
CREATE INDEX action_history_action ON action_history (action_id, id);

ALTER TABLE action_history ENABLE ROW LEVEL SECURITY;
-- Visible with the action (planned_actions' own policies decide); written only by the
-- person changing an action they may see, never rewritten.
CREATE POLICY action_history_read ON action_history FOR SELECT TO portal_app USING (
    action_id IN (SELECT id FROM planned_actions));
CREATE POLICY action_history_write ON action_history FOR INSERT TO portal_app WITH CHECK (
    changed_by = app.current_user_id() AND action_id IN (SELECT id FROM planned_actions));
GRANT SELECT, INSERT ON action_history TO portal_app;
GRANT USAGE ON SEQUENCE action_history_id_seq TO portal_app;
GRANT EXECUTE ON FUNCTION app.managed_children(), app.managing_parent(bigint) TO portal_app;
