-- 049: a rapid advisory campaign's aggregate statistics shared onward (issue 11, part 2):
-- "37 of 212 suppliers affected, 12 with mitigations", as a STIX 2.1 report to one of the
-- asking organisation's recipients (e.g. its ISAC), under a TLP the sender chooses. No
-- organisation asked is named. The payload is built by the portal (lib/share_format.c)
-- and delivered by the forwarder like any alert; rapid_shares records who sent what when.
--
-- Only the campaign's organisation's coordinators and administrators share, only to its
-- own recipients in STIX format, and only under TLP:CLEAR, GREEN or AMBER that the
-- recipient accepts (its max_tlp); a trigger checks it whoever writes the row, and the
-- outbox takes a rapid share's row only for that share's recipient.

CREATE TABLE rapid_shares (
    id           bigserial PRIMARY KEY,
    campaign_id  bigint NOT NULL REFERENCES rapid_campaigns(id),
    recipient_id bigint NOT NULL REFERENCES recipients(id),
    tlp          text NOT NULL CHECK (tlp IN ('clear', 'green', 'amber')),
    shared_by    bigint NOT NULL REFERENCES users(id),
    shared_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rapid_shares_campaign ON rapid_shares (campaign_id);

CREATE FUNCTION app.rapid_share_allowed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM rapid_campaigns c JOIN recipients r ON r.org_id = c.org_id
                    WHERE c.id = NEW.campaign_id AND r.id = NEW.recipient_id AND r.active
                      AND r.format = 'stix'
                      AND app.tlp_rank(NEW.tlp) <= app.tlp_rank(r.max_tlp)) THEN
        RAISE EXCEPTION 'TLP:% statistics do not go to recipient %', upper(NEW.tlp),
            NEW.recipient_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER rapid_share_allowed BEFORE INSERT ON rapid_shares
    FOR EACH ROW EXECUTE FUNCTION app.rapid_share_allowed();

ALTER TABLE rapid_shares ENABLE ROW LEVEL SECURITY;
CREATE POLICY rapid_shares_read ON rapid_shares FOR SELECT TO portal_app USING (
    campaign_id IN (SELECT app.rapid_campaigns_own()));
CREATE POLICY rapid_shares_insert ON rapid_shares FOR INSERT TO portal_app WITH CHECK (
    shared_by = app.current_user_id()
    AND campaign_id IN (SELECT id FROM rapid_campaigns
                         WHERE app.has_role(org_id, ARRAY['coordinator', 'org_admin'])));
GRANT SELECT, INSERT ON rapid_shares TO portal_app;
GRANT USAGE ON SEQUENCE rapid_shares_id_seq TO portal_app;

ALTER TABLE outbox ADD COLUMN rapid_share_id bigint REFERENCES rapid_shares(id);
CREATE POLICY outbox_rapid_share ON outbox FOR INSERT TO portal_app WITH CHECK (
    channel = 'http' AND incident_id IS NULL
    AND rapid_share_id IN (SELECT s.id FROM rapid_shares s JOIN rapid_campaigns c
                             ON c.id = s.campaign_id
                            WHERE s.recipient_id = outbox.recipient_id
                              AND c.org_id = outbox.org_id
                              AND app.has_role(c.org_id, ARRAY['coordinator', 'org_admin'])));
