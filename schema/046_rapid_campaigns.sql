-- 046: rapid advisory campaigns (issue 11, part 2). When an advisory like Log4Shell comes
-- out, a parent asks its group companies and suppliers "are you affected?" with a deadline
-- in hours and a short fixed question set, instead of a questionnaire campaign.
--
-- rapid_campaigns: one question to many, by the parent (org_id), from an advisory it took
-- in or by hand (a CVE id and a title). products are the choices offered to respondents
-- (the advisory's product tree names, fixed when the campaign starts).
-- rapid_requests: one per asked organisation, holding its answer (NULL until answered).
--
-- Who sees what (row-level security): the parent's members see its campaigns and every
-- request of them; a respondent's members see their own organisation's requests and the
-- campaigns that asked them, nothing of the others asked. The parent's coordinators and
-- administrators start campaigns, only to their group companies and suppliers (a link it
-- administers or the child confirmed); the respondent's assessors, coordinators and
-- administrators answer.
--
-- Mails (invitation, reminder every remind_hours until answered, escalation to the
-- respondent's administrators once the deadline passed) go through the outbox in each
-- person's language, by the functions at the end: the portal (invitations) and the
-- forwarder (reminders, escalations, with its other reminders) pass the words in.

CREATE TABLE rapid_campaigns (
    id           bigserial PRIMARY KEY,
    org_id       bigint NOT NULL REFERENCES organisations(id),
    advisory_id  bigint REFERENCES advisories(id),
    cve          text NOT NULL CHECK (cve ~ '^CVE-[0-9]{4}-[0-9]{4,}$'),
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    deadline     timestamptz NOT NULL,
    remind_hours int NOT NULL DEFAULT 0 CHECK (remind_hours BETWEEN 0 AND 720),
    products     text[] NOT NULL DEFAULT '{}',
    created_by   bigint NOT NULL REFERENCES users(id),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rapid_campaigns_org ON rapid_campaigns (org_id, created_at DESC);

CREATE TABLE rapid_requests (
    id              bigserial PRIMARY KEY,
    campaign_id     bigint NOT NULL REFERENCES rapid_campaigns(id),
    org_id          bigint NOT NULL REFERENCES organisations(id),
    answer          text CHECK (answer IN ('affected', 'not_affected', 'investigating')),
    products        text[] NOT NULL DEFAULT '{}',
    mitigations     text NOT NULL DEFAULT '' CHECK (length(mitigations) <= 4000),
    fix_date        date,
    contact         text NOT NULL DEFAULT '' CHECK (length(contact) <= 300),
    notes           text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
    answered_by     bigint REFERENCES users(id),
    answered_at     timestamptz,
    last_mailed_at  timestamptz NOT NULL DEFAULT now(),
    escalated_at    timestamptz,
    UNIQUE (campaign_id, org_id),
    CHECK ((answer IS NULL) = (answered_at IS NULL))
);
CREATE INDEX rapid_requests_org ON rapid_requests (org_id);
CREATE INDEX rapid_requests_open ON rapid_requests (org_id) WHERE answer IS NULL; -- the start page

-- The campaigns that asked an organisation the user is a member of (for the read policy,
-- which cannot ask rapid_requests under its own policy without recursion). PL/pgSQL, as
-- every policy helper (schema/026): its plan is kept.
CREATE FUNCTION app.rapid_campaigns_asking() RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 20 AS $$
BEGIN
    RETURN QUERY
        SELECT q.campaign_id FROM rapid_requests q WHERE q.org_id IN (SELECT app.member_orgs());
END $$;
REVOKE ALL ON FUNCTION app.rapid_campaigns_asking() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.rapid_campaigns_asking() TO portal_app;

-- The campaigns of organisations the user is a member of.
CREATE FUNCTION app.rapid_campaigns_own() RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 20 AS $$
BEGIN
    RETURN QUERY
        SELECT c.id FROM rapid_campaigns c WHERE c.org_id IN (SELECT app.member_orgs());
END $$;
REVOKE ALL ON FUNCTION app.rapid_campaigns_own() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.rapid_campaigns_own() TO portal_app;

-- Only group companies and suppliers are asked, whoever writes the row.
CREATE FUNCTION app.rapid_request_allowed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM rapid_campaigns c JOIN org_relations r
                     ON r.parent_id = c.org_id AND r.child_id = NEW.org_id
                    WHERE c.id = NEW.campaign_id
                      AND (r.administers OR r.confirmed_at IS NOT NULL)) THEN
        RAISE EXCEPTION 'rapid campaigns ask only group companies and suppliers'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER rapid_request_allowed BEFORE INSERT ON rapid_requests
    FOR EACH ROW EXECUTE FUNCTION app.rapid_request_allowed();

ALTER TABLE rapid_campaigns ENABLE ROW LEVEL SECURITY;
CREATE POLICY rapid_campaigns_read ON rapid_campaigns FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()) OR id IN (SELECT app.rapid_campaigns_asking()));
CREATE POLICY rapid_campaigns_insert ON rapid_campaigns FOR INSERT TO portal_app WITH CHECK (
    app.has_role(org_id, ARRAY['coordinator', 'org_admin'])
    AND created_by = app.current_user_id()
    AND (advisory_id IS NULL
         OR advisory_id IN (SELECT id FROM advisories WHERE org_id = rapid_campaigns.org_id)));

ALTER TABLE rapid_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY rapid_requests_read ON rapid_requests FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()) OR campaign_id IN (SELECT app.rapid_campaigns_own()));
CREATE POLICY rapid_requests_insert ON rapid_requests FOR INSERT TO portal_app WITH CHECK (
    campaign_id IN (SELECT id FROM rapid_campaigns
                     WHERE app.has_role(org_id, ARRAY['coordinator', 'org_admin'])));
CREATE POLICY rapid_requests_answer ON rapid_requests FOR UPDATE TO portal_app
    USING (app.has_role(org_id, ARRAY['assessor', 'coordinator', 'org_admin']))
    WITH CHECK (app.has_role(org_id, ARRAY['assessor', 'coordinator', 'org_admin'])
                AND answered_by = app.current_user_id());

GRANT SELECT, INSERT ON rapid_campaigns, rapid_requests TO portal_app;
GRANT UPDATE (answer, products, mitigations, fix_date, contact, notes, answered_by, answered_at)
    ON rapid_requests TO portal_app;
GRANT USAGE ON SEQUENCE rapid_campaigns_id_seq, rapid_requests_id_seq TO portal_app;

-- Queues one mail of p_kind ('invite', 'remind' or 'escalate') per person for each request
-- of p_requests: to the respondent's assessors, coordinators and administrators, or for an
-- escalation to its administrators only. p_words per language code: <kind>_subject and
-- <kind>_body, format() strings with %1$s the asking organisation, %2$s the campaign's
-- title, %3$s its CVE, %4$s the deadline (UTC), %5$s the link to the request, %6$s the
-- person's name, %7$s the asked organisation. Internal: the owner's functions below call it.
CREATE FUNCTION app.rapid_mail(p_requests bigint[], p_kind text, p_base_url text,
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
               AND m.role = ANY (CASE p_kind WHEN 'escalate' THEN ARRAY['org_admin']
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

-- The invitations of a campaign just started, run by the coordinator who started it.
CREATE FUNCTION app.queue_rapid_invitations(p_campaign bigint, p_base_url text, p_words jsonb)
RETURNS int
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    c rapid_campaigns%ROWTYPE;
BEGIN
    SELECT * INTO c FROM rapid_campaigns WHERE id = p_campaign;
    IF NOT FOUND OR NOT app.has_role(c.org_id, ARRAY['coordinator', 'org_admin']) THEN
        RETURN 0;
    END IF;
    RETURN app.rapid_mail(ARRAY(SELECT id FROM rapid_requests WHERE campaign_id = p_campaign),
                          'invite', p_base_url, p_words);
END $$;
REVOKE ALL ON FUNCTION app.queue_rapid_invitations(bigint, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.queue_rapid_invitations(bigint, text, jsonb) TO portal_app;

-- Run by the forwarder with its other reminders: a reminder for every unanswered request
-- of a campaign with a schedule whose deadline has not passed and whose last mail is
-- remind_hours old; an escalation, once, for every request still unanswered after the
-- deadline. Concurrent forwarders are safe: the rows are claimed with SKIP LOCKED and
-- updated before the mails are queued. Returns the number of mails.
CREATE FUNCTION app.queue_rapid_reminders(p_base_url text, p_words jsonb)
RETURNS int
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_remind bigint[];
    v_escalate bigint[];
BEGIN
    WITH due AS (
        SELECT q.id FROM rapid_requests q JOIN rapid_campaigns c ON c.id = q.campaign_id
         WHERE q.answer IS NULL AND c.remind_hours > 0 AND c.deadline > now()
           AND q.last_mailed_at + make_interval(hours => c.remind_hours) <= now()
         FOR UPDATE OF q SKIP LOCKED),
    claimed AS (
        UPDATE rapid_requests q SET last_mailed_at = now() FROM due WHERE q.id = due.id
        RETURNING q.id)
    SELECT coalesce(array_agg(id), '{}') INTO v_remind FROM claimed;
    WITH due AS (
        SELECT q.id FROM rapid_requests q JOIN rapid_campaigns c ON c.id = q.campaign_id
         WHERE q.answer IS NULL AND q.escalated_at IS NULL AND c.deadline <= now()
         FOR UPDATE OF q SKIP LOCKED),
    claimed AS (
        UPDATE rapid_requests q SET escalated_at = now() FROM due WHERE q.id = due.id
        RETURNING q.id)
    SELECT coalesce(array_agg(id), '{}') INTO v_escalate FROM claimed;
    RETURN app.rapid_mail(v_remind, 'remind', p_base_url, p_words)
         + app.rapid_mail(v_escalate, 'escalate', p_base_url, p_words);
END $$;
REVOKE ALL ON FUNCTION app.queue_rapid_reminders(text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.queue_rapid_reminders(text, jsonb) TO portal_forwarder;
