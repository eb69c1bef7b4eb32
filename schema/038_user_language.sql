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

-- Due-date reminders in each recipient's language. As app.queue_reminders (009), whose
-- mails were English only, with the words from the language files: p_words holds, per
-- language code, subject_before, subject_after and body (format() strings with positional
-- arguments, described in templates/lang/en.hdf under Mail.Reminder) and overdue, today,
-- pending. A person who chose no language, or one p_words lacks, gets English.
CREATE FUNCTION app.queue_reminders_in(p_before interval, p_after interval, p_base_url text,
                                       p_words jsonb)
RETURNS int
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_count int;
BEGIN
    WITH due AS (
        SELECT a.id AS assessment_id, k.kind
          FROM assessments a
          JOIN campaigns cp ON cp.id = a.campaign_id
         CROSS JOIN (VALUES ('before'), ('after')) AS k (kind)
         WHERE a.status IN ('draft', 'returned')
           AND CASE k.kind
                   WHEN 'before' THEN cp.due_date >= current_date
                                  AND cp.due_date <= current_date + p_before
                   ELSE cp.due_date + p_after <= current_date
               END
           AND NOT EXISTS (SELECT 1 FROM reminders_sent r
                            WHERE r.assessment_id = a.id AND r.kind = k.kind)
           AND EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                        WHERE m.org_id = a.org_id AND m.role IN ('assessor', 'org_admin')
                          AND NOT u.disabled)),
    recorded AS (
        INSERT INTO reminders_sent (assessment_id, kind)
        SELECT assessment_id, kind FROM due
        ON CONFLICT DO NOTHING
        RETURNING assessment_id, kind),
    person AS (
        SELECT r.kind, a.id AS assessment_id, cp.owner_org_id, cp.title, cp.due_date,
               o.name AS org_name, owner.name AS owner_name, u.email, u.display_name,
               coalesce(p_words -> u.lang, p_words -> 'en') AS w
          FROM recorded r
          JOIN assessments a ON a.id = r.assessment_id
          JOIN campaigns cp ON cp.id = a.campaign_id
          JOIN organisations o ON o.id = a.org_id
          JOIN organisations owner ON owner.id = cp.owner_org_id
          -- one mail per person, whatever roles they hold
          JOIN LATERAL (SELECT DISTINCT u.id, u.email, u.display_name, u.lang
                          FROM memberships m JOIN users u ON u.id = m.user_id
                         WHERE m.org_id = a.org_id AND m.role IN ('assessor', 'org_admin')
                           AND NOT u.disabled) u ON true),
    mail AS (
        SELECT owner_org_id, email,
               format(w ->> CASE kind WHEN 'before' THEN 'subject_before'
                                      ELSE 'subject_after' END,
                      title, to_char(due_date, 'YYYY-MM-DD')) AS subject,
               format(w ->> 'body', display_name, owner_name, org_name, title,
                      to_char(due_date, 'YYYY-MM-DD'),
                      w ->> CASE WHEN kind = 'after' THEN 'overdue'
                                 WHEN due_date = current_date THEN 'today'
                                 ELSE 'pending' END,
                      rtrim(p_base_url, '/') || '/assessments/' || assessment_id) AS text
          FROM person)
    INSERT INTO outbox (org_id, channel, address, kind, payload)
    SELECT owner_org_id, 'smtp', email, 'mail.reminder',
           json_build_object('to', email, 'subject', subject, 'text', text)::jsonb
      FROM mail;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    IF v_count > 0 THEN
        PERFORM pg_notify('outbox', '');
    END IF;
    RETURN v_count;
END $$;
REVOKE ALL ON FUNCTION app.queue_reminders_in(interval, interval, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.queue_reminders_in(interval, interval, text, jsonb)
    TO portal_forwarder;

-- The mail about deliveries the forwarder gave up on, in each recipient's language: as
-- app.queue_delivery_failed (011), with the words of p_words (the same object as for the
-- reminders; its failed_* entries, described in templates/lang/en.hdf under Mail.Failed).
CREATE FUNCTION app.queue_delivery_failed_in(p_ids bigint[], p_base_url text, p_words jsonb)
RETURNS int
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_count int;
BEGIN
    WITH told AS (
        INSERT INTO delivery_failure_alerts (outbox_id, failed_at)
        SELECT id, failed_at FROM outbox
         WHERE id = ANY (p_ids) AND state = 'failed' AND failed_at IS NOT NULL
           AND recipient_org_id IS NOT NULL AND kind <> 'mail.delivery_failed'
        ON CONFLICT DO NOTHING
        RETURNING outbox_id),
    person AS (
        SELECT x.*, i.number, r.name AS recipient_name, r.url AS recipient_url,
               o.name AS org_name, u.email, u.display_name,
               coalesce(p_words -> u.lang, p_words -> 'en') AS w
          FROM told t
          JOIN outbox x ON x.id = t.outbox_id
          JOIN organisations o ON o.id = x.recipient_org_id
          LEFT JOIN recipients r ON r.id = x.recipient_id
          LEFT JOIN incidents i ON i.id = x.incident_id
          -- one mail per person, whatever roles they hold
          JOIN LATERAL (SELECT DISTINCT u.id, u.email, u.display_name, u.lang
                          FROM memberships m JOIN users u ON u.id = m.user_id
                         WHERE m.org_id = x.recipient_org_id
                           AND m.role IN ('coordinator', 'org_admin')
                           AND NOT u.disabled) u ON true),
    mail AS (
        SELECT recipient_org_id, email,
               format(w ->> 'failed_subject', coalesce(number, kind),
                      coalesce(recipient_name, address)) AS subject,
               format(w ->> 'failed_body', display_name,
                      CASE WHEN number IS NOT NULL
                           THEN format(w ->> 'failed_what_incident', number)
                           ELSE kind END,
                      coalesce(recipient_name, address), coalesce(recipient_url, address),
                      attempts, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'),
                      coalesce(last_error, 'HTTP ' || last_http_status,
                               w ->> 'failed_unknown_error'),
                      CASE WHEN incident_id IS NOT NULL
                           THEN rtrim(format(w ->> 'failed_again_incident',
                                             rtrim(p_base_url, '/') || '/incidents/'
                                             || incident_id), E'\n')
                           ELSE format(w ->> 'failed_again_other', id) END,
                      org_name) AS text
          FROM person)
    INSERT INTO outbox (org_id, channel, address, kind, payload)
    SELECT recipient_org_id, 'smtp', email, 'mail.delivery_failed',
           json_build_object('to', email, 'subject', subject, 'text', text)::jsonb
      FROM mail;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    IF v_count > 0 THEN
        PERFORM pg_notify('outbox', '');
    END IF;
    RETURN v_count;
END $$;
REVOKE ALL ON FUNCTION app.queue_delivery_failed_in(bigint[], text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.queue_delivery_failed_in(bigint[], text, jsonb)
    TO portal_forwarder;
