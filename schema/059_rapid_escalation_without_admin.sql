-- 059: an overdue rapid request is escalated to the organisation's administrators; one
-- with no (enabled) administrator escalated to nobody, and was marked escalated all the
-- same. Now the escalation goes to the people its reminders went to (assessors,
-- coordinators), so an overdue question always reaches someone who can answer it.
-- app.rapid_mail as in 046 otherwise.

CREATE OR REPLACE FUNCTION app.rapid_mail(p_requests bigint[], p_kind text, p_base_url text,
                               p_words jsonb)
RETURNS int
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_count int;
BEGIN
    WITH person AS (
        SELECT DISTINCT q.id AS request_id, q.org_id, u.email, u.display_name,
               o.name AS org_name, c.title, c.cve, asker.name AS asker, c.org_id AS asker_id,
               to_char(c.deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC' AS due,
               coalesce(p_words -> nullif(u.lang, ''), p_words -> 'en') AS w
          FROM rapid_requests q
          JOIN rapid_campaigns c ON c.id = q.campaign_id
          JOIN organisations o ON o.id = q.org_id
          JOIN organisations asker ON asker.id = c.org_id
          JOIN memberships m ON m.org_id = q.org_id
               AND m.role = ANY (CASE WHEN p_kind = 'escalate' AND EXISTS (
                                          SELECT 1 FROM memberships a
                                            JOIN users au ON au.id = a.user_id
                                           WHERE a.org_id = q.org_id AND a.role = 'org_admin'
                                             AND NOT au.disabled)
                                      THEN ARRAY['org_admin']
                                      ELSE ARRAY['assessor', 'coordinator', 'org_admin'] END)
          JOIN users u ON u.id = m.user_id AND NOT u.disabled
         WHERE q.id = ANY (p_requests)),
    queued AS (
        INSERT INTO outbox (org_id, channel, address, kind, payload)
        SELECT p.asker_id, 'smtp', p.email, 'mail.rapid_' || p_kind,
               jsonb_build_object(
                   'to', p.email,
                   'subject', format(p.w ->> (p_kind || '_subject'), p.asker, p.title, p.cve,
                                     p.due, rtrim(p_base_url, '/') || '/rapid/requests/'
                                     || p.request_id, p.display_name, p.org_name),
                   'text', format(p.w ->> (p_kind || '_body'), p.asker, p.title, p.cve, p.due,
                                  rtrim(p_base_url, '/') || '/rapid/requests/' || p.request_id,
                                  p.display_name, p.org_name))
          FROM person p
        RETURNING 1)
    SELECT count(*) INTO v_count FROM queued;
    IF v_count > 0 THEN
        PERFORM pg_notify('outbox', '');
    END IF;
    RETURN v_count;
END $$;
REVOKE ALL ON FUNCTION app.rapid_mail(bigint[], text, text, jsonb) FROM PUBLIC;
