-- Reminders by e-mail before and after a campaign's due date. The forwarder calls
-- app.queue_reminders about once a minute: every assessment still open (draft or returned)
-- whose campaign falls due soon, or is overdue by a while, gets one mail to each of the
-- respondent organisation's assessors and administrators, queued in the outbox like any
-- other mail and sent by the forwarder. reminders_sent remembers what went out, so each
-- assessment gets at most one reminder of each kind, however often and on however many
-- hosts the forwarder runs.

CREATE TABLE reminders_sent (
    assessment_id bigint NOT NULL REFERENCES assessments(id),
    kind          text NOT NULL CHECK (kind IN ('before', 'after')),
    sent_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (assessment_id, kind)
);
-- Only the owner (through app.queue_reminders) touches it.
ALTER TABLE reminders_sent ENABLE ROW LEVEL SECURITY;

-- Queues the reminders due now and wakes the forwarders; returns the number of mails.
-- 'before': the campaign is due today or within p_before; 'after': it was due p_after or
-- longer ago. The link in each mail is p_base_url (how users reach the portal) followed by
-- the assessment's path. Runs as owner because the forwarder may read neither campaigns
-- nor users; only the forwarder may call it. Concurrent callers are safe: the first
-- records reminders_sent, the others skip those rows (ON CONFLICT DO NOTHING) and queue
-- nothing for them.
CREATE FUNCTION app.queue_reminders(p_before interval, p_after interval, p_base_url text)
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
           -- someone to remind; otherwise it waits (e.g. for an invitation to be accepted)
           AND EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                        WHERE m.org_id = a.org_id AND m.role IN ('assessor', 'org_admin')
                          AND NOT u.disabled)),
    recorded AS (
        INSERT INTO reminders_sent (assessment_id, kind)
        SELECT assessment_id, kind FROM due
        ON CONFLICT DO NOTHING
        RETURNING assessment_id, kind),
    mail AS (
        SELECT cp.owner_org_id, u.email, r.kind,
               format('%s: security questionnaire "%s" %s %s',
                      CASE r.kind WHEN 'before' THEN 'Reminder' ELSE 'Overdue' END,
                      cp.title,
                      CASE r.kind WHEN 'before' THEN 'due' ELSE 'was due' END,
                      to_char(cp.due_date, 'YYYY-MM-DD')) AS subject,
               format(E'Hello %s,\n\n%s asked %s to complete the security questionnaire '
                      || E'"%s" by %s. %s\n\nOpen it here:\n\n%s/assessments/%s\n\n'
                      || E'You receive this as an assessor or administrator of %s.\n',
                      u.display_name, owner.name, o.name, cp.title,
                      to_char(cp.due_date, 'YYYY-MM-DD'),
                      CASE WHEN r.kind = 'after'
                           THEN 'It is overdue and not submitted yet.'
                           WHEN cp.due_date = current_date THEN 'That is today.'
                           ELSE 'It is not submitted yet.' END,
                      rtrim(p_base_url, '/'), a.id, o.name) AS text
          FROM recorded r
          JOIN assessments a ON a.id = r.assessment_id
          JOIN campaigns cp ON cp.id = a.campaign_id
          JOIN organisations o ON o.id = a.org_id
          JOIN organisations owner ON owner.id = cp.owner_org_id
          -- one mail per person, whatever roles they hold
          JOIN LATERAL (SELECT DISTINCT u.id, u.email, u.display_name
                          FROM memberships m JOIN users u ON u.id = m.user_id
                         WHERE m.org_id = a.org_id AND m.role IN ('assessor', 'org_admin')
                           AND NOT u.disabled) u ON true)
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
REVOKE ALL ON FUNCTION app.queue_reminders(interval, interval, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.queue_reminders(interval, interval, text) TO portal_forwarder;
