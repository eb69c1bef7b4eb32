-- A parent's administrators add child organisations (group companies and suppliers) and
-- their first users themselves: one at a time on /organisations, or many at once from a
-- CSV file. portal_app may not write organisations, org_relations, users or memberships,
-- so the functions below do it as the owner after checking that the caller is an
-- org_admin of the parent; each writes its audit rows in the caller's transaction.
--
-- Decisions:
-- * Organisation names are unique portal-wide (001). Adding a name that exists is refused
--   (SQLSTATE 23505), with one exception: an organisation that already serves another
--   parent as a supplier, is nobody's group company and is neither the parent nor one of
--   its ancestors may be linked as a supplier of a second parent (one supplier serves many
--   customers). The new parent then sees what parents see of their children (submitted
--   self-started assessments, incidents, planned actions), so the link is also written to
--   the supplier's own audit log. A consent step by the supplier would be the next
--   refinement.
-- * A parent adds users only to the children it administers (org_relations.administers):
--   those created here, and relations the operator made. A supplier linked from elsewhere
--   manages its own users; otherwise any parent could make itself the administrator of any
--   organisation by linking it first.
-- * A user is found by e-mail, or created without a password; the portal then queues an
--   invitation without a campaign, whose link lets them choose the password. Accepting
--   such an invitation adds no membership: the one made here carries the chosen role.

ALTER TABLE org_relations ADD COLUMN administers boolean NOT NULL DEFAULT true;
COMMENT ON COLUMN org_relations.administers IS
    'the parent manages the child''s users (false for an existing supplier it linked)';

-- Children whose users the current user may manage: administered children of the
-- organisations where they are org_admin.
CREATE FUNCTION app.administered_children() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT DISTINCT r.child_id
      FROM org_relations r JOIN memberships m ON m.org_id = r.parent_id
     WHERE m.user_id = app.current_user_id() AND m.role = 'org_admin' AND r.administers
$$;

-- What adding the organisation p_name as a p_kind child of p_parent would mean:
--   new                 no organisation has that name: it would be created
--   child               it is p_parent's child of that kind already (org_id given)
--   child_self_managed  likewise, but it manages its own users (org_id given)
--   other_kind          it is p_parent's child of the other kind (org_id given)
--   link                an existing supplier that may be linked as a supplier too
--   taken               the name belongs to an organisation that cannot become a child
CREATE FUNCTION app.child_org_check(p_parent bigint, p_name text, p_kind text)
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
    SELECT o.id INTO v_org FROM organisations o WHERE o.name = p_name;
    IF v_org IS NULL THEN
        RETURN QUERY SELECT 'new'::text, NULL::bigint;
        RETURN;
    END IF;
    SELECT * INTO v_rel FROM org_relations r WHERE r.parent_id = p_parent AND r.child_id = v_org;
    IF FOUND THEN
        RETURN QUERY SELECT CASE WHEN v_rel.kind <> p_kind THEN 'other_kind'
                                 WHEN NOT v_rel.administers THEN 'child_self_managed'
                                 ELSE 'child' END, v_org;
        RETURN;
    END IF;
    IF p_kind = 'supplier'
       AND EXISTS (SELECT 1 FROM org_relations r WHERE r.child_id = v_org
                      AND r.kind = 'supplier')
       AND NOT EXISTS (SELECT 1 FROM org_relations r WHERE r.child_id = v_org
                          AND r.kind = 'group_company')
       AND v_org NOT IN (WITH RECURSIVE up(id) AS (
                             SELECT p_parent
                             UNION
                             SELECT r.parent_id FROM org_relations r JOIN up ON r.child_id = up.id)
                         SELECT id FROM up) THEN
        RETURN QUERY SELECT 'link'::text, NULL::bigint;
        RETURN;
    END IF;
    RETURN QUERY SELECT 'taken'::text, NULL::bigint;
END $$;

-- Adds p_name as a p_kind child of p_parent: creates the organisation, or links an existing
-- supplier (see app.child_org_check). Returns its id. 23505 when the name is taken or is
-- a child already, 42501 when the caller does not administer p_parent.
CREATE FUNCTION app.child_org_add(p_parent bigint, p_name text, p_kind text) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_status text;
    v_org bigint;
BEGIN
    IF p_kind IS NULL OR p_kind NOT IN ('group_company', 'supplier') THEN
        RAISE EXCEPTION 'relation must be group_company or supplier' USING ERRCODE = '22023';
    END IF;
    SELECT c.status INTO v_status FROM app.child_org_check(p_parent, p_name, p_kind) c;
    IF v_status = 'new' THEN
        INSERT INTO organisations (name) VALUES (p_name) RETURNING id INTO v_org;
        INSERT INTO org_relations (parent_id, child_id, kind, administers)
        VALUES (p_parent, v_org, p_kind, true);
        INSERT INTO audit_log (user_id, org_id, action, entity, entity_id, detail)
        VALUES (app.current_user_id(), p_parent, 'create', 'organisation', v_org,
                jsonb_build_object('name', p_name, 'relation', p_kind));
    ELSIF v_status = 'link' THEN
        SELECT id INTO v_org FROM organisations WHERE name = p_name;
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

-- Makes the user with e-mail p_email (created without a password if new) a p_role member
-- of p_org, an administered child of p_parent. Returns the user, whether the membership
-- is new, and whether they still need an invitation (no password yet). 42501 when the
-- caller does not administer p_parent or p_org is not its administered child, 22023 for a
-- role or e-mail address that cannot be.
CREATE FUNCTION app.child_user_add(p_parent bigint, p_org bigint, p_email text,
                                   p_display_name text, p_role text)
RETURNS TABLE (user_id bigint, added boolean, invite boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    v_email text := lower(btrim(p_email));
    v_user bigint;
    v_invite boolean;
    v_rows int;
BEGIN
    IF p_parent IS NULL OR NOT app.has_role(p_parent, ARRAY['org_admin'])
       OR NOT EXISTS (SELECT 1 FROM org_relations r WHERE r.parent_id = p_parent
                         AND r.child_id = p_org AND r.administers) THEN
        RAISE EXCEPTION 'not allowed to add users to organisation %', p_org
            USING ERRCODE = '42501';
    END IF;
    IF p_role IS NULL OR p_role NOT IN ('assessor', 'org_admin', 'incident_reporter') THEN
        RAISE EXCEPTION 'role must be assessor, org_admin or incident_reporter'
            USING ERRCODE = '22023';
    END IF;
    IF v_email IS NULL OR v_email !~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' THEN
        RAISE EXCEPTION 'not an e-mail address: %', p_email USING ERRCODE = '22023';
    END IF;
    SELECT u.id, u.password_hash IS NULL AND NOT u.disabled INTO v_user, v_invite
      FROM users u WHERE u.email = v_email;
    IF v_user IS NULL THEN
        INSERT INTO users (email, display_name) VALUES (v_email, btrim(p_display_name))
        RETURNING id INTO v_user;
        v_invite := true;
        INSERT INTO audit_log (user_id, org_id, action, entity, entity_id, detail)
        VALUES (app.current_user_id(), p_org, 'create', 'user', v_user,
                jsonb_build_object('email', v_email));
    END IF;
    INSERT INTO memberships (user_id, org_id, role) VALUES (v_user, p_org, p_role)
        ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    IF v_rows > 0 THEN
        INSERT INTO audit_log (user_id, org_id, action, entity, entity_id, detail)
        VALUES (app.current_user_id(), p_org, 'add_member', 'user', v_user,
                jsonb_build_object('role', p_role, 'parent', p_parent));
    END IF;
    RETURN QUERY SELECT v_user, v_rows > 0, v_invite;
END $$;

-- The children of p_parent for its administrators: relation, whether the parent manages
-- their users, how many users they have and how many of those have no password yet.
CREATE FUNCTION app.child_orgs(p_parent bigint)
RETURNS TABLE (org_id bigint, name text, kind text, administers boolean, users bigint,
               pending bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF p_parent IS NULL OR NOT app.has_role(p_parent, ARRAY['org_admin']) THEN
        RAISE EXCEPTION 'not an administrator of organisation %', p_parent
            USING ERRCODE = '42501';
    END IF;
    RETURN QUERY
        SELECT o.id, o.name, r.kind, r.administers,
               (SELECT count(DISTINCT m.user_id) FROM memberships m WHERE m.org_id = o.id),
               (SELECT count(DISTINCT m.user_id) FROM memberships m
                  JOIN users u ON u.id = m.user_id
                 WHERE m.org_id = o.id AND u.password_hash IS NULL)
          FROM org_relations r JOIN organisations o ON o.id = r.child_id
         WHERE r.parent_id = p_parent
         ORDER BY r.kind, o.name;
END $$;

-- Invitations without a campaign, for users added above, to administered children only.
CREATE POLICY invitations_account_write ON invitations FOR INSERT TO portal_app WITH CHECK (
    created_by = app.current_user_id() AND campaign_id IS NULL
    AND org_id IN (SELECT app.administered_children()));

-- The invitation page says what an invitation is for: a campaign's questionnaire, or an
-- account. (Same columns as in 005 plus for_campaign.)
DROP FUNCTION app.invitation_lookup(bytea);
CREATE FUNCTION app.invitation_lookup(p_token_hash bytea)
RETURNS TABLE (invitation_id bigint, org_name text, email text, has_account boolean,
               for_campaign boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT i.id, o.name, i.email,
           EXISTS (SELECT 1 FROM users u WHERE u.email = i.email
                      AND u.password_hash IS NOT NULL),
           i.campaign_id IS NOT NULL
      FROM invitations i JOIN organisations o ON o.id = i.org_id
     WHERE i.token_hash = p_token_hash AND i.used_at IS NULL AND i.expires_at > now()
$$;

-- As in 005, except that an invitation without a campaign adds no assessor membership
-- (app.child_user_add made the membership with the role the parent chose), and that an
-- account without a password takes the name its owner types when choosing one.
CREATE OR REPLACE FUNCTION app.invitation_accept(p_token_hash bytea, p_display_name text,
                                                 p_password_hash text)
RETURNS TABLE (user_id bigint, assessment_id bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    inv invitations%ROWTYPE;
    uid bigint;
BEGIN
    SELECT * INTO inv FROM invitations
     WHERE token_hash = p_token_hash AND used_at IS NULL AND expires_at > now()
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT id INTO uid FROM users WHERE email = inv.email;
    -- an account that has a password is only joined by its owner, signed in: the link alone
    -- must not sign anybody in as somebody else
    IF uid IS NOT NULL AND app.current_user_id() IS DISTINCT FROM uid
       AND EXISTS (SELECT 1 FROM users WHERE id = uid AND password_hash IS NOT NULL) THEN
        RETURN;
    END IF;
    UPDATE invitations SET used_at = now() WHERE id = inv.id;
    IF uid IS NULL THEN
        INSERT INTO users (email, display_name, password_hash)
        VALUES (inv.email, p_display_name, p_password_hash) RETURNING id INTO uid;
    ELSE
        -- an account made by app.child_user_add takes the name its owner gives
        UPDATE users SET password_hash = p_password_hash,
                         display_name = coalesce(nullif(btrim(p_display_name), ''), display_name)
         WHERE id = uid AND password_hash IS NULL;
    END IF;
    IF inv.campaign_id IS NOT NULL THEN
        INSERT INTO memberships (user_id, org_id, role) VALUES (uid, inv.org_id, 'assessor')
            ON CONFLICT DO NOTHING;
    END IF;
    INSERT INTO audit_log (user_id, org_id, action, entity, entity_id)
    VALUES (uid, inv.org_id, 'accept', 'invitation', inv.id);
    PERFORM set_config('app.user_id', uid::text, true);
    RETURN QUERY SELECT uid, (SELECT a.id FROM assessments a
                               WHERE a.campaign_id = inv.campaign_id AND a.org_id = inv.org_id);
END $$;

REVOKE ALL ON FUNCTION app.administered_children(), app.child_org_check(bigint, text, text),
    app.child_org_add(bigint, text, text), app.child_user_add(bigint, bigint, text, text, text),
    app.child_orgs(bigint), app.invitation_lookup(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.administered_children(), app.child_org_check(bigint, text, text),
    app.child_org_add(bigint, text, text), app.child_user_add(bigint, bigint, text, text, text),
    app.child_orgs(bigint), app.invitation_lookup(bytea) TO portal_app;

-- ---------------------------------------------------------------------------------------
-- Consent. A parent that links an existing supplier sees nothing of it until an
-- administrator of the supplier confirms the link; relations the parent administers (it
-- created the child, or the operator made them) need no confirmation.
ALTER TABLE org_relations ADD COLUMN confirmed_at timestamptz;
UPDATE org_relations SET confirmed_at = created_at;
ALTER TABLE org_relations ALTER COLUMN confirmed_at SET DEFAULT now();

CREATE OR REPLACE FUNCTION app.overseen_orgs() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT DISTINCT r.child_id
      FROM org_relations r JOIN memberships m ON m.org_id = r.parent_id
     WHERE m.user_id = app.current_user_id()
       AND m.role IN ('reviewer', 'coordinator', 'org_admin')
       AND (r.administers OR r.confirmed_at IS NOT NULL)
$$;

-- Links waiting for the child's consent are made unconfirmed.
CREATE FUNCTION app.link_unconfirmed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT NEW.administers THEN
        NEW.confirmed_at := NULL;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER org_relations_link_unconfirmed BEFORE INSERT ON org_relations
    FOR EACH ROW EXECUTE FUNCTION app.link_unconfirmed();

-- An administrator of the supplier confirms a customer's link. Returns whether one was.
CREATE FUNCTION app.link_confirm(p_parent bigint, p_child bigint) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT app.has_role(p_child, ARRAY['org_admin']) THEN
        RAISE EXCEPTION 'not allowed' USING ERRCODE = '42501';
    END IF;
    UPDATE org_relations SET confirmed_at = now()
     WHERE parent_id = p_parent AND child_id = p_child AND confirmed_at IS NULL;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    INSERT INTO audit_log (user_id, org_id, action, entity, entity_id)
    VALUES (app.current_user_id(), p_child, 'confirm_link', 'organisation', p_parent);
    RETURN true;
END $$;
REVOKE ALL ON FUNCTION app.link_confirm(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.link_confirm(bigint, bigint) TO portal_app;

-- Campaign invitations only into children the campaign's owner administers.
DROP POLICY invitations_write ON invitations;
CREATE POLICY invitations_write ON invitations FOR INSERT TO portal_app WITH CHECK (
    created_by = app.current_user_id() AND campaign_id IN (SELECT app.managed_campaigns())
    AND org_id IN (SELECT r.child_id FROM org_relations r JOIN campaigns cp
                     ON cp.owner_org_id = r.parent_id
                  WHERE cp.id = campaign_id AND r.administers));
