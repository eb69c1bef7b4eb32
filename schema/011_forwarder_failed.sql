-- Giving up on a delivery. The forwarder retries a failing outbox row with backoff until the
-- retry horizon (FORWARDER_RETRY_HORIZON_S, 48 h by default, counted from created_at); an
-- attempt that fails after that makes the row 'failed' (failed_at, last_error) and the
-- coordinators and administrators of the recipient's organisation get one mail about it.
-- A coordinator may put the row back to 'pending' from the portal (POST
-- /deliveries/:id/retry, policy outbox_retry of 010); if it fails again, they hear again.
--
-- The forwarder may read neither users nor memberships, so the mail is queued by
-- app.queue_delivery_failed, which runs as owner - as app.queue_reminders does (009) - and
-- needs no INSERT on outbox for the forwarder. delivery_failure_alerts remembers each
-- (row, failure) told, so a repeated call, from any forwarder, queues nothing twice.

CREATE TABLE delivery_failure_alerts (
    outbox_id bigint NOT NULL REFERENCES outbox(id),
    failed_at timestamptz NOT NULL,
    queued_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (outbox_id, failed_at)
);
-- Only the owner (through app.queue_delivery_failed) touches it.
ALTER TABLE delivery_failure_alerts ENABLE ROW LEVEL SECURITY;

-- The rows due to be sent, as the forwarder asks for them: state IN (...) rather than
-- state <> 'delivered', which since 010 would include 'failed'. It replaces outbox_due of
-- 007 (every index costs each of the forwarder's updates).
CREATE INDEX outbox_sendable ON outbox (next_attempt_at) WHERE state IN ('pending', 'failing');
DROP INDEX outbox_due;

-- Queues the mail about the given rows that are 'failed' (mail about mail that failed is
-- not sent: nobody would read it, and it could loop) and wakes the forwarders. The link
-- is p_base_url followed by the incident's path. Returns the number of mails queued.
CREATE FUNCTION app.queue_delivery_failed(p_ids bigint[], p_base_url text) RETURNS int
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
    mail AS (
        SELECT x.recipient_org_id, u.email,
               format('Delivery failed: %s to %s',
                      coalesce(i.number, x.kind), coalesce(r.name, x.address)) AS subject,
               format(E'Hello %s,\n\nThe portal could not deliver %s to "%s" (%s). It tried '
                      || E'%s times since %s UTC; the last attempt failed with:\n\n  %s\n\n'
                      || E'It has stopped trying. %s\n\n'
                      || E'You receive this as a coordinator or administrator of %s.\n',
                      u.display_name,
                      CASE WHEN i.number IS NOT NULL
                           THEN 'the alert about incident ' || i.number
                           ELSE x.kind END,
                      coalesce(r.name, x.address), coalesce(r.url, x.address), x.attempts,
                      to_char(x.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'),
                      coalesce(x.last_error, 'HTTP ' || x.last_http_status, 'unknown error'),
                      CASE WHEN x.incident_id IS NOT NULL
                           THEN E'You can send it again from the incident''s page:\n\n'
                                || rtrim(p_base_url, '/') || '/incidents/' || x.incident_id
                           ELSE 'Delivery ' || x.id || ' can be sent again by a coordinator.'
                      END,
                      o.name) AS text
          FROM told t
          JOIN outbox x ON x.id = t.outbox_id
          JOIN organisations o ON o.id = x.recipient_org_id
          LEFT JOIN recipients r ON r.id = x.recipient_id
          LEFT JOIN incidents i ON i.id = x.incident_id
          -- one mail per person, whatever roles they hold
          JOIN LATERAL (SELECT DISTINCT u.id, u.email, u.display_name
                          FROM memberships m JOIN users u ON u.id = m.user_id
                         WHERE m.org_id = x.recipient_org_id
                           AND m.role IN ('coordinator', 'org_admin')
                           AND NOT u.disabled) u ON true)
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
REVOKE ALL ON FUNCTION app.queue_delivery_failed(bigint[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.queue_delivery_failed(bigint[], text) TO portal_forwarder;
