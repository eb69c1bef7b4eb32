-- 025: a person sees the invitations waiting for them on /account (issue 8). The portal's
-- role reads invitations only as the inviting organisation's administrator; this gives
-- the invitee the open ones addressed to their own e-mail address: which organisation,
-- as what, from whom, until when. The link itself stays in the mail (only its hash is
-- stored).
CREATE FUNCTION app.my_invitations()
RETURNS TABLE (org_name text, role text, invited_by text, expires_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT o.name, coalesce(i.role, CASE WHEN i.campaign_id IS NULL THEN 'member'
                                         ELSE 'respondent' END),
           u.display_name, i.expires_at
      FROM invitations i
      JOIN organisations o ON o.id = i.org_id
      JOIN users u ON u.id = i.created_by
     WHERE i.email = (SELECT email FROM users WHERE id = app.current_user_id())
       AND i.used_at IS NULL AND i.expires_at > now()
     ORDER BY i.expires_at
$$;
REVOKE ALL ON FUNCTION app.my_invitations() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.my_invitations() TO portal_app;
