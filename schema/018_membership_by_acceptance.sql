-- 018: nobody becomes a member of an organisation they did not accept. app.child_user_add
-- attached any existing account, even one with a password in another tenant, to the
-- caller's child organisation without asking the person: 33 such memberships with names
-- that sort first pushed the victim's own organisation out of their session. Now an
-- account that has a password is only invited: the invitation carries the role, and the
-- membership is made when its owner, signed in, accepts it (app.invitation_accept). An
-- account without a password still gets its membership with the invitation, as choosing
-- the password is its owner's acceptance.

ALTER TABLE invitations
    ADD COLUMN role text CHECK (role IN ('assessor', 'org_admin', 'incident_reporter'));

CREATE OR REPLACE FUNCTION app.child_user_add(p_parent bigint, p_org bigint, p_email text,
                                              p_display_name text, p_role text)
RETURNS TABLE (user_id bigint, added boolean, invite boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    v_email text := lower(btrim(p_email));
    v_user bigint;
    v_has_password boolean;
    v_disabled boolean;
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
    SELECT u.id, u.password_hash IS NOT NULL, u.disabled
      INTO v_user, v_has_password, v_disabled
      FROM users u WHERE u.email = v_email;
    IF v_user IS NOT NULL AND v_has_password THEN
        -- somebody's account: asked, never joined; invited unless already a member
        RETURN QUERY SELECT v_user, false,
            NOT v_disabled AND NOT EXISTS (SELECT 1 FROM memberships m
                                            WHERE m.user_id = v_user AND m.org_id = p_org);
        RETURN;
    END IF;
    IF v_user IS NULL THEN
        INSERT INTO users (email, display_name) VALUES (v_email, btrim(p_display_name))
        RETURNING id INTO v_user;
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
    RETURN QUERY SELECT v_user, v_rows > 0, NOT coalesce(v_disabled, false);
END $$;

-- As in 008, and an account invitation that carries a role makes that membership when it
-- is accepted (by the signed-in owner, for an account that has a password).
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
    IF uid IS NOT NULL AND app.current_user_id() IS DISTINCT FROM uid
       AND EXISTS (SELECT 1 FROM users WHERE id = uid AND password_hash IS NOT NULL) THEN
        RETURN;
    END IF;
    UPDATE invitations SET used_at = now() WHERE id = inv.id;
    IF uid IS NULL THEN
        INSERT INTO users (email, display_name, password_hash)
        VALUES (inv.email, p_display_name, p_password_hash) RETURNING id INTO uid;
    ELSE
        UPDATE users SET password_hash = p_password_hash,
                         display_name = coalesce(nullif(btrim(p_display_name), ''), display_name)
         WHERE id = uid AND password_hash IS NULL;
    END IF;
    IF inv.campaign_id IS NOT NULL THEN
        INSERT INTO memberships (user_id, org_id, role) VALUES (uid, inv.org_id, 'assessor')
            ON CONFLICT DO NOTHING;
    ELSIF inv.role IS NOT NULL THEN
        INSERT INTO memberships (user_id, org_id, role) VALUES (uid, inv.org_id, inv.role)
            ON CONFLICT DO NOTHING;
        INSERT INTO audit_log (user_id, org_id, action, entity, entity_id, detail)
        VALUES (uid, inv.org_id, 'add_member', 'user', uid,
                jsonb_build_object('role', inv.role, 'invitation', inv.id));
    END IF;
    INSERT INTO audit_log (user_id, org_id, action, entity, entity_id)
    VALUES (uid, inv.org_id, 'accept', 'invitation', inv.id);
    PERFORM set_config('app.user_id', uid::text, true);
    RETURN QUERY SELECT uid, (SELECT a.id FROM assessments a
                               WHERE a.campaign_id = inv.campaign_id AND a.org_id = inv.org_id);
END $$;
