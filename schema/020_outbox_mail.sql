-- 020: the portal's own mail is invitations only. The outbox_mail policy let any member
-- queue any mail (any address, any text) through the portal's mail server: a relay for
-- phishing in the portal's name. Now a member may queue only the invitation mail of an
-- invitation they made in the same transaction, to its address.
CREATE FUNCTION app.invitation_just_made(p_email text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM invitations
                    WHERE email = lower(p_email) AND created_by = app.current_user_id()
                      AND created_at = now() AND used_at IS NULL)
$$;
REVOKE ALL ON FUNCTION app.invitation_just_made(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.invitation_just_made(text) TO portal_app;

DROP POLICY outbox_mail ON outbox;
CREATE POLICY outbox_mail ON outbox FOR INSERT TO portal_app WITH CHECK (
    channel = 'smtp' AND kind = 'mail.invitation' AND share_id IS NULL
    AND incident_id IS NULL AND org_id IN (SELECT app.member_orgs())
    AND app.invitation_just_made(address));
