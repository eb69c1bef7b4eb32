-- Everything leaving the portal: alerts to authorities and ISACs over HTTP(S), and e-mail
-- (invitations, reminders) over SMTP. The portal never calls out: it writes one outbox row
-- per recipient in the transaction that caused it; the forwarder claims due rows with
-- FOR UPDATE SKIP LOCKED, sends them, and records every attempt. A row is never deleted,
-- so nothing is lost; receivers deduplicate on idempotency_key (the Message-ID of mail).

CREATE TABLE recipients (
    id         bigserial PRIMARY KEY,
    org_id     bigint NOT NULL REFERENCES organisations(id),   -- the parent that owns it
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    url        text NOT NULL CHECK (url ~ '^https?://'),
    active     boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recipients_org ON recipients (org_id);

CREATE TABLE outbox (
    id              bigserial PRIMARY KEY,
    org_id          bigint NOT NULL REFERENCES organisations(id),  -- where it arose
    channel         text NOT NULL DEFAULT 'http' CHECK (channel IN ('http', 'smtp')),
    recipient_id    bigint REFERENCES recipients(id),              -- http: the endpoint
    recipient_org_id bigint REFERENCES organisations(id),          -- owner of the recipient
    address         text CHECK (length(address) <= 254),           -- smtp: the mailbox
    incident_id     bigint REFERENCES incidents(id),
    kind            text NOT NULL,
    idempotency_key uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    payload         jsonb NOT NULL,
    state           text NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'failing', 'delivered')),
    attempts        int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_attempt_at timestamptz,
    last_http_status int,
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (channel <> 'http' OR recipient_id IS NOT NULL),  -- e-mail may go to a recipient
    CHECK ((channel = 'smtp') = (address IS NOT NULL))
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state <> 'delivered';
CREATE INDEX outbox_incident ON outbox (incident_id);

CREATE TABLE delivery_attempts (
    id          bigserial PRIMARY KEY,
    outbox_id   bigint NOT NULL REFERENCES outbox(id),
    at          timestamptz NOT NULL DEFAULT now(),
    http_status int,
    error       text,
    duration_ms int NOT NULL
);
CREATE INDEX delivery_attempts_outbox ON delivery_attempts (outbox_id, at);

ALTER TABLE recipients ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE delivery_attempts ENABLE ROW LEVEL SECURITY;

CREATE POLICY recipients_read ON recipients FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()));
CREATE POLICY outbox_read ON outbox FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()) OR recipient_org_id IN (SELECT app.member_orgs()));
CREATE POLICY attempts_read ON delivery_attempts FOR SELECT TO portal_app USING (
    outbox_id IN (SELECT id FROM outbox));
-- Mail the portal queues itself (invitations); alerts go through enqueue_incident_alert.
CREATE POLICY outbox_mail ON outbox FOR INSERT TO portal_app WITH CHECK (
    channel = 'smtp' AND org_id IN (SELECT app.member_orgs()));
GRANT SELECT ON recipients, outbox, delivery_attempts TO portal_app;
GRANT INSERT ON outbox TO portal_app;
GRANT USAGE ON SEQUENCE outbox_id_seq TO portal_app;

-- The forwarder serves every tenant, but only through these tables.
CREATE POLICY recipients_forwarder ON recipients FOR SELECT TO portal_forwarder USING (true);
CREATE POLICY outbox_forwarder ON outbox FOR ALL TO portal_forwarder USING (true);
CREATE POLICY attempts_forwarder ON delivery_attempts FOR ALL TO portal_forwarder
    USING (true);
GRANT SELECT ON recipients TO portal_forwarder;
GRANT SELECT, UPDATE ON outbox TO portal_forwarder;
GRANT SELECT, INSERT ON delivery_attempts TO portal_forwarder;
GRANT USAGE ON SEQUENCE delivery_attempts_id_seq TO portal_forwarder;
