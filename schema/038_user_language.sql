-- 038_user_language.sql - the language a person reads the portal in (issue 10).
-- users.lang is NULL until the person chooses one on /account: pages then follow the
-- browser's Accept-Language, mails go out in English. Setting it is the person's own act,
-- through app.set_my_language (audited); the session lookup returns it, so choosing the
-- page's language costs no statement of its own.

ALTER TABLE users ADD COLUMN lang text CHECK (lang IN ('en', 'de'));
GRANT SELECT (lang) ON users TO portal_app;

CREATE FUNCTION app.set_my_language(p_lang text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    uid bigint := app.current_user_id();
BEGIN
    IF uid IS NULL THEN
        RAISE EXCEPTION 'not signed in' USING ERRCODE = '42501';
    END IF;
    UPDATE users SET lang = nullif(p_lang, '') WHERE id = uid;
    INSERT INTO audit_log (user_id, org_id, action, entity, entity_id, detail)
    VALUES (uid, NULL, 'set_language', 'user', uid,
            jsonb_build_object('lang', coalesce(nullif(p_lang, ''), 'browser')));
END $$;
REVOKE ALL ON FUNCTION app.set_my_language(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.set_my_language(text) TO portal_app;

-- The session lookup, as in 001 with the person's language as a sixth column.
DROP FUNCTION app.session_begin(bytea, interval);
CREATE FUNCTION app.session_begin(p_token_hash bytea, p_idle interval)
RETURNS TABLE (user_id bigint, csrf_token text, email text, display_name text,
               memberships json, lang text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    s sessions%ROWTYPE;
BEGIN
    SELECT * INTO s FROM sessions WHERE token_hash = p_token_hash;
    IF NOT FOUND OR EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id AND u.disabled) THEN
        RETURN;
    END IF;
    IF s.expires_at <= now() OR s.last_seen_at <= now() - p_idle THEN
        DELETE FROM sessions WHERE id = s.id;
        RETURN;
    END IF;
    IF s.last_seen_at < now() - interval '1 minute' THEN
        UPDATE sessions SET last_seen_at = now() WHERE id = s.id;
    END IF;
    PERFORM set_config('app.user_id', s.user_id::text, true);
    RETURN QUERY
        SELECT u.id, s.csrf_token, u.email, u.display_name,
               coalesce((SELECT json_agg(json_build_object('org_id', m.org_id,
                                         'org', o.name, 'role', m.role)
                                         ORDER BY o.name, m.role)
                           FROM memberships m JOIN organisations o ON o.id = m.org_id
                          WHERE m.user_id = u.id), '[]'::json),
               u.lang
          FROM users u WHERE u.id = s.user_id AND NOT u.disabled;
END $$;
REVOKE ALL ON FUNCTION app.session_begin(bytea, interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.session_begin(bytea, interval) TO portal_app;

-- The language of the account an invitation this user just made goes to, so its mail is
-- written in it (NULL: no such account, or no choice; the mail is then English). Only for
-- the inviter's own invitations: it tells nothing about other addresses.
CREATE FUNCTION app.invitation_language(p_token_hash bytea) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT u.lang FROM invitations i JOIN users u ON u.email = i.email
     WHERE i.token_hash = p_token_hash AND i.created_by = app.current_user_id()
       AND NOT u.disabled;
$$;
REVOKE ALL ON FUNCTION app.invitation_language(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.invitation_language(bytea) TO portal_app;
