-- 019: a person can leave an organisation they belong to (all their roles there), except
-- as its last administrator: an organisation must keep somebody who can manage it.
CREATE FUNCTION app.membership_leave(p_org bigint) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    uid bigint := app.current_user_id();
BEGIN
    IF uid IS NULL OR NOT EXISTS (SELECT 1 FROM memberships
                                   WHERE user_id = uid AND org_id = p_org) THEN
        RETURN 'not_member';
    END IF;
    -- the administrators are locked, so two of them cannot both leave at once
    PERFORM 1 FROM memberships WHERE org_id = p_org AND role = 'org_admin' FOR UPDATE;
    IF EXISTS (SELECT 1 FROM memberships WHERE user_id = uid AND org_id = p_org
                                           AND role = 'org_admin')
       AND NOT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                        WHERE m.org_id = p_org AND m.role = 'org_admin' AND m.user_id <> uid
                          AND NOT u.disabled AND u.password_hash IS NOT NULL) THEN
        RETURN 'last_admin';
    END IF;
    DELETE FROM memberships WHERE user_id = uid AND org_id = p_org;
    INSERT INTO audit_log (user_id, org_id, action, entity, entity_id)
    VALUES (uid, p_org, 'leave', 'membership', uid);
    RETURN 'left';
END $$;
REVOKE ALL ON FUNCTION app.membership_leave(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.membership_leave(bigint) TO portal_app;
