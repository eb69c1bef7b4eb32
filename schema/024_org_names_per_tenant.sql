-- 024: an organisation's name tells nothing of other tenants (issue 8, hole 12). Names
-- were unique across the portal, so adding a child (and the import's dry run) answered
-- "exists already" for any organisation anywhere: any parent's administrator could learn
-- which companies use the portal under which group. Names are now unique only among a
-- parent's own children. A parent adding a name that is not one of its children gets a
-- new organisation of its own, whatever exists elsewhere; the one exception is by design:
-- a supplier serves many customers, so a supplier organisation (a supplier of somebody and
-- nobody's group company) of exactly that name is proposed for linking, and the link waits
-- for the supplier's consent (app.link_confirm).

ALTER TABLE organisations DROP CONSTRAINT organisations_name_key;
CREATE INDEX organisations_name ON organisations (name);

-- The one supplier organisation of that name that p_parent may propose to link: a
-- supplier of somebody, nobody's group company, not p_parent or above it; NULL when there
-- is none or more than one.
CREATE FUNCTION app.supplier_by_name(p_parent bigint, p_name text) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT CASE WHEN count(*) = 1 THEN min(o.id) END
      FROM organisations o
     WHERE o.name = p_name
       AND EXISTS (SELECT 1 FROM org_relations r WHERE r.child_id = o.id AND r.kind = 'supplier')
       AND NOT EXISTS (SELECT 1 FROM org_relations r
                        WHERE r.child_id = o.id AND r.kind = 'group_company')
       AND o.id NOT IN (WITH RECURSIVE up(id) AS (
                            SELECT p_parent
                            UNION
                            SELECT r.parent_id FROM org_relations r JOIN up ON r.child_id = up.id)
                        SELECT id FROM up)
$$;
REVOKE ALL ON FUNCTION app.supplier_by_name(bigint, text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION app.child_org_check(p_parent bigint, p_name text, p_kind text)
RETURNS TABLE (status text, org_id bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    v_org bigint;
    v_rel org_relations%ROWTYPE;
BEGIN
    IF p_parent IS NULL OR NOT app.has_role(p_parent, ARRAY['org_admin']) THEN
        RAISE EXCEPTION 'not an administrator of organisation %', p_parent
            USING ERRCODE = '42501';
    END IF;
    SELECT r.* INTO v_rel FROM org_relations r JOIN organisations o ON o.id = r.child_id
     WHERE r.parent_id = p_parent AND o.name = p_name;
    IF FOUND THEN
        RETURN QUERY SELECT CASE WHEN v_rel.kind <> p_kind THEN 'other_kind'
                                 WHEN NOT v_rel.administers THEN 'child_self_managed'
                                 ELSE 'child' END, v_rel.child_id;
        RETURN;
    END IF;
    IF p_kind = 'supplier' AND app.supplier_by_name(p_parent, p_name) IS NOT NULL THEN
        RETURN QUERY SELECT 'link'::text, NULL::bigint;
        RETURN;
    END IF;
    RETURN QUERY SELECT 'new'::text, NULL::bigint;
END $$;

CREATE OR REPLACE FUNCTION app.child_org_add(p_parent bigint, p_name text, p_kind text)
RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_status text;
    v_org bigint;
BEGIN
    IF p_kind IS NULL OR p_kind NOT IN ('group_company', 'supplier') THEN
        RAISE EXCEPTION 'relation must be group_company or supplier' USING ERRCODE = '22023';
    END IF;
    -- one addition at a time per parent keeps its children's names unique
    PERFORM pg_advisory_xact_lock(hashtext('child_org_add'), hashtext(p_parent::text));
    SELECT c.status INTO v_status FROM app.child_org_check(p_parent, p_name, p_kind) c;
    IF v_status = 'new' THEN
        INSERT INTO organisations (name) VALUES (p_name) RETURNING id INTO v_org;
        INSERT INTO org_relations (parent_id, child_id, kind, administers)
        VALUES (p_parent, v_org, p_kind, true);
        INSERT INTO audit_log (user_id, org_id, action, entity, entity_id, detail)
        VALUES (app.current_user_id(), p_parent, 'create', 'organisation', v_org,
                jsonb_build_object('name', p_name, 'relation', p_kind));
    ELSIF v_status = 'link' THEN
        v_org := app.supplier_by_name(p_parent, p_name);
        INSERT INTO org_relations (parent_id, child_id, kind, administers)
        VALUES (p_parent, v_org, p_kind, false);
        INSERT INTO audit_log (user_id, org_id, action, entity, entity_id, detail)
        VALUES (app.current_user_id(), p_parent, 'link', 'organisation', v_org,
                jsonb_build_object('name', p_name, 'relation', p_kind)),
               (app.current_user_id(), v_org, 'linked', 'organisation', p_parent,
                jsonb_build_object('parent', (SELECT name FROM organisations
                                               WHERE id = p_parent),
                                   'relation', p_kind));
    ELSE
        RAISE EXCEPTION 'organisation "%" cannot be added: %', p_name, v_status
            USING ERRCODE = '23505', DETAIL = v_status;
    END IF;
    RETURN v_org;
END $$;
