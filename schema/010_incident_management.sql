-- Incident management after ISO/IEC 27035-2: the three report forms of Annex B (event,
-- incident, vulnerability), the path event -> assessed -> closed or promoted -> incident ->
-- responses -> resolved -> closed with lessons learned, an append-only timeline, the
-- classification scale of the incident management plan (6.5, Annex C) versioned per parent
-- group, regulatory notification obligations (NIS2 Art. 23, GDPR Art. 33), and sharing with
-- authorities and special-interest groups (clause 8) under TLP 2.0.

-- ---------------------------------------------------------------------------------------
-- The classification scale. owner_org_id NULL is the default (the Annex C example); a
-- parent may publish its own versions for its group. Reports keep the version they were
-- classified with.
CREATE TABLE classification_scales (
    id           serial PRIMARY KEY,
    owner_org_id bigint REFERENCES organisations(id),
    version      int NOT NULL,
    created_by   bigint REFERENCES users(id),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX classification_scales_version
    ON classification_scales (coalesce(owner_org_id, 0), version);

CREATE TABLE scale_categories (
    scale_id int NOT NULL REFERENCES classification_scales(id),
    code     text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
    label    text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    meaning  text NOT NULL CHECK (length(meaning) BETWEEN 1 AND 1000),
    position int NOT NULL,
    PRIMARY KEY (scale_id, code)
);

-- Severity derived from the importance of the affected information system and the
-- business loss / social impact (Annex C example: especially important, important,
-- ordinary systems; especially serious, serious, considerable, minor impact).
CREATE TABLE scale_severity_rules (
    scale_id          int NOT NULL REFERENCES classification_scales(id),
    system_importance text NOT NULL CHECK (system_importance IN
                          ('especially_important', 'important', 'ordinary')),
    impact            text NOT NULL CHECK (impact IN
                          ('especially_serious', 'serious', 'considerable', 'minor')),
    severity          text NOT NULL CHECK (severity IN
                          ('emergency', 'critical', 'warning', 'information')),
    PRIMARY KEY (scale_id, system_importance, impact)
);

INSERT INTO classification_scales (owner_org_id, version) VALUES (NULL, 1);
INSERT INTO scale_categories (scale_id, code, label, meaning, position)
SELECT s.id, v.code, v.label, v.meaning, v.position FROM classification_scales s, (VALUES
 ('natural_disaster', 'Natural disaster', 'Loss of information security caused by natural disasters beyond human control.', 1),
 ('social_unrest', 'Social unrest', 'Loss of information security caused by instability of society, such as terrorist attacks or war.', 2),
 ('physical_damage', 'Physical damage', 'Loss of information security caused by deliberate or accidental physical actions: fire, water, theft, destruction.', 3),
 ('infrastructure_failure', 'Infrastructure failure', 'Loss of information security caused by failure of the systems and services that support information systems: power, networks, cooling.', 4),
 ('radiation_disturbance', 'Radiation disturbance', 'Loss of information security caused by electromagnetic, thermal or pulse radiation.', 5),
 ('technical_failure', 'Technical failure', 'Loss of information security caused by failures of information systems or related facilities, or by unintentional human error.', 6),
 ('malware', 'Malware', 'Malicious programs deliberately created and spread: viruses, worms, Trojans, ransomware, botnets.', 7),
 ('technical_attack', 'Technical attack', 'Attacks on information systems through networks or other technical means: scanning, exploitation, brute force, denial of service.', 8),
 ('violation_of_rules', 'Violation of rules', 'Deliberate or accidental violation of rules: unauthorised use of resources, copyright violation.', 9),
 ('compromise_of_functions', 'Compromise of functions', 'Compromise of the functions of information systems: abuse or forging of rights, denial of actions, misoperation.', 10),
 ('compromise_of_information', 'Compromise of information', 'Compromise of the security of information: interception, espionage, disclosure, phishing, data theft or loss, tampering.', 11),
 ('harmful_content', 'Harmful content', 'Spreading of undesired content through information networks that endangers security, stability or public safety.', 12),
 ('other', 'Other', 'An incident that fits none of the categories above.', 13)
) AS v(code, label, meaning, position) WHERE s.owner_org_id IS NULL AND s.version = 1;

INSERT INTO scale_severity_rules (scale_id, system_importance, impact, severity)
SELECT s.id, v.i, v.m, v.sev FROM classification_scales s, (VALUES
 ('especially_important', 'especially_serious', 'emergency'),
 ('especially_important', 'serious', 'critical'),
 ('especially_important', 'considerable', 'warning'),
 ('especially_important', 'minor', 'information'),
 ('important', 'especially_serious', 'critical'),
 ('important', 'serious', 'critical'),
 ('important', 'considerable', 'warning'),
 ('important', 'minor', 'information'),
 ('ordinary', 'especially_serious', 'warning'),
 ('ordinary', 'serious', 'warning'),
 ('ordinary', 'considerable', 'information'),
 ('ordinary', 'minor', 'information')
) AS v(i, m, sev) WHERE s.owner_org_id IS NULL AND s.version = 1;

-- The scale in force for an organisation: its parent's latest, else the default.
CREATE FUNCTION app.scale_for(p_org bigint) RETURNS int
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(
        (SELECT s.id FROM classification_scales s JOIN org_relations r
            ON r.parent_id = s.owner_org_id
          WHERE r.child_id = p_org AND r.kind = 'group_company'
          ORDER BY s.version DESC LIMIT 1),
        (SELECT s.id FROM classification_scales s WHERE s.owner_org_id = p_org
          ORDER BY s.version DESC LIMIT 1),
        (SELECT s.id FROM classification_scales s WHERE s.owner_org_id IS NULL
          ORDER BY s.version DESC LIMIT 1))
$$;

-- Incidents of the user's own organisations (read as owner, so that the policies of
-- incidents and incident_customers need not refer to each other).
CREATE FUNCTION app.member_incidents() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id FROM incidents WHERE org_id IN (SELECT app.member_orgs())
$$;

-- Group companies a user oversees (a supplier's incidents are shown to the customers it
-- chose, not to every customer).
CREATE FUNCTION app.overseen_group_companies() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT DISTINCT r.child_id
      FROM org_relations r JOIN memberships m ON m.org_id = r.parent_id
     WHERE m.user_id = app.current_user_id() AND r.kind = 'group_company'
       AND m.role IN ('reviewer', 'coordinator', 'org_admin')
$$;

-- Whether the user may work on an incident: a handler of its organisation or an overseer
-- of the group company.
CREATE FUNCTION app.may_handle_incident(p_incident bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM incidents i WHERE i.id = p_incident
       AND (app.has_role(i.org_id, ARRAY['incident_reporter', 'coordinator', 'org_admin'])
            OR i.org_id IN (SELECT app.overseen_group_companies())))
$$;

-- ---------------------------------------------------------------------------------------
-- Event reports (Annex B.2).
CREATE TABLE events (
    id                 bigserial PRIMARY KEY,
    org_id             bigint NOT NULL REFERENCES organisations(id),
    number             text GENERATED ALWAYS AS ('EVT-' || lpad(id::text, 6, '0')) STORED,
    reporter_name      text NOT NULL CHECK (length(reporter_name) BETWEEN 1 AND 200),
    reporter_phone     text NOT NULL DEFAULT '' CHECK (length(reporter_phone) <= 50),
    reporter_email     text NOT NULL CHECK (length(reporter_email) BETWEEN 3 AND 254),
    what_occurred      text NOT NULL CHECK (length(what_occurred) BETWEEN 1 AND 10000),
    how_occurred       text NOT NULL DEFAULT '' CHECK (length(how_occurred) <= 10000),
    why_occurred       text NOT NULL DEFAULT '' CHECK (length(why_occurred) <= 10000),
    components_affected text NOT NULL DEFAULT '' CHECK (length(components_affected) <= 4000),
    business_impact    text NOT NULL DEFAULT '' CHECK (length(business_impact) <= 4000),
    vulnerabilities    text NOT NULL DEFAULT '' CHECK (length(vulnerabilities) <= 4000),
    occurred_at        timestamptz,
    detected_at        timestamptz NOT NULL,
    reported_at        timestamptz NOT NULL DEFAULT now(),
    is_over            boolean NOT NULL DEFAULT false,
    duration           text NOT NULL DEFAULT '' CHECK (length(duration) <= 100),
    tlp                text NOT NULL DEFAULT 'amber'
                       CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    status             text NOT NULL DEFAULT 'reported' CHECK (status IN
                           ('reported', 'closed_not_incident', 'promoted')),
    decision_reason    text NOT NULL DEFAULT '' CHECK (length(decision_reason) <= 4000),
    incident_id        bigint REFERENCES incidents(id),
    created_by         bigint NOT NULL REFERENCES users(id),
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_org ON events (org_id, created_at DESC);

-- The incident report (Annex B.3) extends the incident record.
ALTER TABLE incidents
    ADD COLUMN event_id bigint REFERENCES events(id),
    ADD COLUMN related_incidents text NOT NULL DEFAULT '',
    ADD COLUMN how_occurred text NOT NULL DEFAULT '',
    ADD COLUMN why_occurred text NOT NULL DEFAULT '',
    ADD COLUMN occurred_at timestamptz,
    ADD COLUMN awareness_at timestamptz,
    ADD COLUMN nature text NOT NULL DEFAULT 'actual'
        CHECK (nature IN ('actual', 'attempted', 'suspected')),
    ADD COLUMN scale_id int REFERENCES classification_scales(id),
    ADD COLUMN system_importance text CHECK (system_importance IN
        ('especially_important', 'important', 'ordinary')),
    ADD COLUMN impact text CHECK (impact IN
        ('especially_serious', 'serious', 'considerable', 'minor')),
    ADD COLUMN severity_derived text,
    ADD COLUMN severity_reason text NOT NULL DEFAULT '',
    ADD COLUMN assets_information text NOT NULL DEFAULT '',
    ADD COLUMN assets_hardware text NOT NULL DEFAULT '',
    ADD COLUMN assets_software text NOT NULL DEFAULT '',
    ADD COLUMN assets_communications text NOT NULL DEFAULT '',
    ADD COLUMN assets_documentation text NOT NULL DEFAULT '',
    ADD COLUMN impact_confidentiality text NOT NULL DEFAULT '',
    ADD COLUMN impact_integrity text NOT NULL DEFAULT '',
    ADD COLUMN impact_availability text NOT NULL DEFAULT '',
    ADD COLUMN estimated_cost numeric(14, 2),
    ADD COLUMN perpetrator text NOT NULL DEFAULT '',
    ADD COLUMN motivation text NOT NULL DEFAULT '',
    ADD COLUMN actions_taken text NOT NULL DEFAULT '',
    ADD COLUMN actions_planned text NOT NULL DEFAULT '',
    ADD COLUMN actions_outstanding text NOT NULL DEFAULT '',
    ADD COLUMN investigation_started_at timestamptz,
    ADD COLUMN incident_ended_at timestamptz,
    ADD COLUMN impact_ended_at timestamptz,
    ADD COLUMN investigation_ended_at timestamptz,
    ADD COLUMN conclusion text CHECK (conclusion IN ('major', 'minor')),
    ADD COLUMN conclusion_justification text NOT NULL DEFAULT '',
    ADD COLUMN notified text NOT NULL DEFAULT '',
    ADD COLUMN status text NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'responding', 'resolved', 'closed')),
    ADD COLUMN reportable_nis2 boolean NOT NULL DEFAULT false,
    ADD COLUMN reportable_gdpr boolean NOT NULL DEFAULT false,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
-- the category is the scale's code; the CHECK of the first version gives way to the scale
ALTER TABLE incidents DROP CONSTRAINT incidents_category_check;
ALTER TABLE incidents ADD CONSTRAINT incidents_category_code
    CHECK (category ~ '^[a-z][a-z0-9_]{1,40}$');

-- Vulnerability reports (Annex B.4).
CREATE TABLE vulnerabilities (
    id             bigserial PRIMARY KEY,
    org_id         bigint NOT NULL REFERENCES organisations(id),
    number         text GENERATED ALWAYS AS ('VUL-' || lpad(id::text, 6, '0')) STORED,
    reporter_name  text NOT NULL CHECK (length(reporter_name) BETWEEN 1 AND 200),
    reporter_email text NOT NULL CHECK (length(reporter_email) BETWEEN 3 AND 254),
    description    text NOT NULL CHECK (length(description) BETWEEN 1 AND 10000),
    location       text NOT NULL CHECK (length(location) BETWEEN 1 AND 4000),
    how_found      text NOT NULL DEFAULT '' CHECK (length(how_found) <= 4000),
    incident_id    bigint REFERENCES incidents(id),
    resolution     text NOT NULL DEFAULT '' CHECK (length(resolution) <= 10000),
    status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    tlp            text NOT NULL DEFAULT 'amber'
                   CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    created_by     bigint NOT NULL REFERENCES users(id),
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Customers a supplier chose as affected by one of its incidents, and what each may see.
CREATE TABLE incident_customers (
    incident_id     bigint NOT NULL REFERENCES incidents(id),
    customer_org_id bigint NOT NULL REFERENCES organisations(id),
    fields          text[] NOT NULL DEFAULT '{}',  -- parts shared beyond title and class
    chosen_by       bigint NOT NULL REFERENCES users(id),
    chosen_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (incident_id, customer_org_id)
);

-- Everything that happened to a report, in order; rows are only ever added.
CREATE TABLE timeline (
    id        bigserial PRIMARY KEY,
    org_id    bigint NOT NULL REFERENCES organisations(id),
    entity    text NOT NULL CHECK (entity IN ('event', 'incident', 'vulnerability')),
    entity_id bigint NOT NULL,
    at        timestamptz NOT NULL DEFAULT now(),
    user_id   bigint REFERENCES users(id),
    who       text NOT NULL DEFAULT '',   -- the actor's name then, readable by all who see the row
    action    text NOT NULL,
    detail    text NOT NULL DEFAULT ''
);
CREATE INDEX timeline_entity ON timeline (entity, entity_id, at);
CREATE TRIGGER timeline_no_update BEFORE UPDATE OR DELETE ON timeline
    FOR EACH STATEMENT EXECUTE FUNCTION app.audit_log_immutable();

-- Regulatory reports owed for an incident: due when, sent when, to whom, and what.
CREATE TABLE notification_obligations (
    id          bigserial PRIMARY KEY,
    incident_id bigint NOT NULL REFERENCES incidents(id),
    regime      text NOT NULL CHECK (regime IN ('nis2', 'gdpr')),
    report      text NOT NULL CHECK (report IN ('early_warning', 'notification', 'intermediate',
                                                'final', 'breach_notification')),
    due_at      timestamptz,          -- NULL until it can be computed (final: after notification)
    sent_at     timestamptz,
    sent_to     text NOT NULL DEFAULT '',
    sent_body   text NOT NULL DEFAULT '',
    sent_by     bigint REFERENCES users(id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (incident_id, regime, report)
);

-- Lessons learned (clause 12).
CREATE TABLE lessons (
    id            bigserial PRIMARY KEY,
    incident_id   bigint NOT NULL REFERENCES incidents(id),
    what_worked   text NOT NULL CHECK (length(what_worked) BETWEEN 1 AND 10000),
    to_improve    text NOT NULL CHECK (length(to_improve) BETWEEN 1 AND 10000),
    plan_changes  text NOT NULL DEFAULT '' CHECK (length(plan_changes) <= 10000),
    control_changes text NOT NULL DEFAULT '' CHECK (length(control_changes) <= 10000),
    risk_changes  text NOT NULL DEFAULT '' CHECK (length(risk_changes) <= 10000),
    created_by    bigint NOT NULL REFERENCES users(id),
    created_at    timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE planned_actions ADD COLUMN incident_id bigint REFERENCES incidents(id);

-- ---------------------------------------------------------------------------------------
-- Sharing with the outside (clause 8).
ALTER TABLE recipients
    ADD COLUMN kind text NOT NULL DEFAULT 'authority' CHECK (kind IN ('authority', 'isac', 'other')),
    ADD COLUMN format text NOT NULL DEFAULT 'webhook'
        CHECK (format IN ('webhook', 'stix', 'misp', 'email')),
    ADD COLUMN max_tlp text NOT NULL DEFAULT 'amber'
        CHECK (max_tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    ADD COLUMN categories text[] NOT NULL DEFAULT '{}',   -- empty: all
    ADD COLUMN severities text[] NOT NULL DEFAULT '{}',   -- empty: all
    ADD COLUMN credentials bytea;                        -- secretbox: nonce || ciphertext
ALTER TABLE recipients DROP CONSTRAINT recipients_url_check;
ALTER TABLE recipients ADD CONSTRAINT recipients_endpoint CHECK (
    (format = 'email' AND url ~ '^[^@\s]+@[^@\s]+$') OR (format <> 'email' AND url ~ '^https?://'));

CREATE TABLE shares (
    id            bigserial PRIMARY KEY,
    incident_id   bigint NOT NULL REFERENCES incidents(id),
    org_id        bigint NOT NULL REFERENCES organisations(id),  -- who shares (recipient owner)
    omitted       text[] NOT NULL DEFAULT '{}',
    anonymise     boolean NOT NULL DEFAULT false,
    rule_id       bigint,
    approved_by   bigint REFERENCES users(id),
    approved_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sharing_rules (
    id           bigserial PRIMARY KEY,
    org_id       bigint NOT NULL REFERENCES organisations(id),
    recipient_id bigint NOT NULL REFERENCES recipients(id),
    min_severity text NOT NULL DEFAULT 'emergency'
                 CHECK (min_severity IN ('emergency', 'critical', 'warning', 'information')),
    categories   text[] NOT NULL DEFAULT '{}',
    active       boolean NOT NULL DEFAULT true,
    created_by   bigint NOT NULL REFERENCES users(id),
    created_at   timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE outbox
    ADD COLUMN share_id bigint REFERENCES shares(id),
    ADD COLUMN receipt_id text,                          -- the receiver's own id, if it gave one
    ADD COLUMN failed_at timestamptz;                    -- gave up after the retry horizon
ALTER TABLE outbox DROP CONSTRAINT outbox_state_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_state_check
    CHECK (state IN ('pending', 'failing', 'delivered', 'failed'));

-- TLP 2.0, enforced where rows are written, whoever writes them.
CREATE FUNCTION app.tlp_rank(p text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE p WHEN 'clear' THEN 0 WHEN 'green' THEN 1 WHEN 'amber' THEN 2
                  WHEN 'amber_strict' THEN 3 WHEN 'red' THEN 4 END
$$;

-- An incident alert may go to a recipient only when the recipient may receive the level;
-- AMBER+STRICT never leaves the organisation; RED only in a share approved by a person
-- (never by a rule) to a recipient named in it.
CREATE FUNCTION app.outbox_tlp_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_tlp text;
    v_max text;
    v_rule bigint;
    v_share_incident bigint;
BEGIN
    IF NEW.incident_id IS NULL OR NEW.recipient_id IS NULL THEN
        RETURN NEW;
    END IF;
    -- read as owner, so that nothing the caller cannot see makes the check pass
    SELECT tlp INTO v_tlp FROM incidents WHERE id = NEW.incident_id;
    SELECT max_tlp INTO v_max FROM recipients WHERE id = NEW.recipient_id;
    SELECT rule_id, incident_id INTO v_rule, v_share_incident FROM shares WHERE id = NEW.share_id;
    IF v_tlp IS NULL OR v_max IS NULL OR v_tlp = 'amber_strict'
       OR app.tlp_rank(v_tlp) > app.tlp_rank(v_max)
       OR (NEW.share_id IS NOT NULL AND v_share_incident IS DISTINCT FROM NEW.incident_id)
       OR (v_tlp = 'red' AND (NEW.share_id IS NULL OR v_rule IS NOT NULL)) THEN
        RAISE EXCEPTION 'TLP:% does not allow sending incident % to recipient %',
            upper(coalesce(v_tlp, '?')), NEW.incident_id, NEW.recipient_id
            USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER outbox_tlp BEFORE INSERT ON outbox
    FOR EACH ROW EXECUTE FUNCTION app.outbox_tlp_guard();

-- ---------------------------------------------------------------------------------------
-- Row-level security.
ALTER TABLE classification_scales ENABLE ROW LEVEL SECURITY;
ALTER TABLE scale_categories ENABLE ROW LEVEL SECURITY;
ALTER TABLE scale_severity_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE vulnerabilities ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE timeline ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_obligations ENABLE ROW LEVEL SECURITY;
ALTER TABLE lessons ENABLE ROW LEVEL SECURITY;
ALTER TABLE shares ENABLE ROW LEVEL SECURITY;
ALTER TABLE sharing_rules ENABLE ROW LEVEL SECURITY;

-- a group's scale is read by the group: the default, one's own, one's parents'
CREATE POLICY scales_read ON classification_scales FOR SELECT TO portal_app USING (
    owner_org_id IS NULL OR owner_org_id IN (SELECT app.member_orgs())
    OR owner_org_id IN (SELECT parent_id FROM org_relations));
CREATE POLICY scales_write ON classification_scales FOR INSERT TO portal_app WITH CHECK (
    app.has_role(owner_org_id, ARRAY['org_admin', 'coordinator']));
CREATE POLICY scale_categories_read ON scale_categories FOR SELECT TO portal_app USING (
    scale_id IN (SELECT id FROM classification_scales));
CREATE POLICY scale_categories_write ON scale_categories FOR INSERT TO portal_app WITH CHECK (
    scale_id IN (SELECT id FROM classification_scales s
                  WHERE app.has_role(s.owner_org_id, ARRAY['org_admin', 'coordinator'])));
CREATE POLICY scale_rules_read ON scale_severity_rules FOR SELECT TO portal_app USING (
    scale_id IN (SELECT id FROM classification_scales));
CREATE POLICY scale_rules_write ON scale_severity_rules FOR INSERT TO portal_app WITH CHECK (
    scale_id IN (SELECT id FROM classification_scales s
                  WHERE app.has_role(s.owner_org_id, ARRAY['org_admin', 'coordinator'])));

-- Incidents: the organisation, the parent of a group company, and the customers a supplier
-- chose. (Replaces the first version's policy, which let every parent see a supplier's.)
DROP POLICY incidents_read ON incidents;
CREATE POLICY incidents_read ON incidents FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()) OR org_id IN (SELECT app.overseen_group_companies())
    OR id IN (SELECT incident_id FROM incident_customers));
-- a parent's point of contact promotes a group company's event to an incident
DROP POLICY incidents_insert ON incidents;
CREATE POLICY incidents_insert ON incidents FOR INSERT TO portal_app WITH CHECK (
    reported_by = app.current_user_id() AND (
        app.has_role(org_id, ARRAY['incident_reporter', 'coordinator', 'org_admin'])
        OR org_id IN (SELECT app.overseen_group_companies())));
-- audit rows may name any organisation whose reports the user works on
DROP POLICY audit_log_write ON audit_log;
CREATE POLICY audit_log_write ON audit_log FOR INSERT TO portal_app WITH CHECK (
    user_id IS NOT DISTINCT FROM app.current_user_id()
    AND (org_id IS NULL OR org_id IN (SELECT app.member_orgs())
         OR org_id IN (SELECT app.overseen_orgs()) OR org_id IN (SELECT org_id FROM incidents)));
CREATE POLICY incidents_update ON incidents FOR UPDATE TO portal_app
    USING (app.has_role(org_id, ARRAY['incident_reporter', 'coordinator', 'org_admin'])
           OR org_id IN (SELECT app.overseen_group_companies()))
    WITH CHECK (true);
CREATE POLICY customers_read ON incident_customers FOR SELECT TO portal_app USING (
    customer_org_id IN (SELECT app.member_orgs())
    OR incident_id IN (SELECT app.member_incidents()));
CREATE POLICY customers_update ON incident_customers FOR UPDATE TO portal_app
    USING (incident_id IN (SELECT app.member_incidents()))
    WITH CHECK (incident_id IN (SELECT app.member_incidents()));
CREATE POLICY customers_write ON incident_customers FOR INSERT TO portal_app WITH CHECK (
    chosen_by = app.current_user_id() AND incident_id IN (SELECT app.member_incidents())
    AND customer_org_id IN (SELECT parent_id FROM org_relations));

CREATE POLICY events_read ON events FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()) OR org_id IN (SELECT app.overseen_group_companies()));
CREATE POLICY events_insert ON events FOR INSERT TO portal_app WITH CHECK (
    app.has_role(org_id, ARRAY['incident_reporter', 'coordinator', 'org_admin'])
    AND created_by = app.current_user_id());
-- the point of contact deciding: the organisation's coordinator or the parent's
CREATE POLICY events_decide ON events FOR UPDATE TO portal_app
    USING (status = 'reported' AND (app.has_role(org_id, ARRAY['coordinator', 'org_admin'])
           OR org_id IN (SELECT app.overseen_group_companies())))
    WITH CHECK (true);

CREATE POLICY vulns_read ON vulnerabilities FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()) OR org_id IN (SELECT app.overseen_group_companies()));
CREATE POLICY vulns_insert ON vulnerabilities FOR INSERT TO portal_app WITH CHECK (
    app.has_role(org_id, ARRAY['incident_reporter', 'coordinator', 'org_admin', 'assessor'])
    AND created_by = app.current_user_id());
CREATE POLICY vulns_update ON vulnerabilities FOR UPDATE TO portal_app
    USING (app.has_role(org_id, ARRAY['coordinator', 'org_admin'])
           OR org_id IN (SELECT app.overseen_group_companies()))
    WITH CHECK (true);

CREATE POLICY timeline_read ON timeline FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()) OR org_id IN (SELECT app.overseen_group_companies())
    OR (entity = 'incident' AND entity_id IN (SELECT incident_id FROM incident_customers)));
CREATE POLICY timeline_write ON timeline FOR INSERT TO portal_app WITH CHECK (
    user_id = app.current_user_id() AND (org_id IN (SELECT app.member_orgs())
        OR org_id IN (SELECT app.overseen_group_companies())
        OR (entity = 'incident' AND entity_id IN (SELECT incident_id FROM incident_customers))));

CREATE POLICY obligations_read ON notification_obligations FOR SELECT TO portal_app USING (
    incident_id IN (SELECT id FROM incidents));
CREATE POLICY obligations_write ON notification_obligations FOR ALL TO portal_app
    USING (app.may_handle_incident(incident_id))
    WITH CHECK (app.may_handle_incident(incident_id));

CREATE POLICY lessons_read ON lessons FOR SELECT TO portal_app USING (
    incident_id IN (SELECT id FROM incidents));
CREATE POLICY lessons_write ON lessons FOR INSERT TO portal_app WITH CHECK (
    created_by = app.current_user_id() AND app.may_handle_incident(incident_id));

CREATE POLICY shares_read ON shares FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()) OR incident_id IN (SELECT id FROM incidents));
CREATE POLICY shares_write ON shares FOR INSERT TO portal_app WITH CHECK (
    approved_by = app.current_user_id()
    AND app.has_role(org_id, ARRAY['coordinator', 'org_admin'])
    AND app.may_handle_incident(incident_id));
CREATE POLICY rules_read ON sharing_rules FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()));
CREATE POLICY rules_write ON sharing_rules FOR ALL TO portal_app
    USING (app.has_role(org_id, ARRAY['coordinator', 'org_admin']))
    WITH CHECK (app.has_role(org_id, ARRAY['coordinator', 'org_admin']));
CREATE POLICY recipients_write ON recipients FOR ALL TO portal_app
    USING (app.has_role(org_id, ARRAY['coordinator', 'org_admin']))
    WITH CHECK (app.has_role(org_id, ARRAY['coordinator', 'org_admin']));
-- shares queue their alerts directly (the TLP trigger above still applies)
CREATE POLICY outbox_share ON outbox FOR INSERT TO portal_app WITH CHECK (
    channel = 'http' AND share_id IN (SELECT id FROM shares s
        WHERE app.has_role(s.org_id, ARRAY['coordinator', 'org_admin'])));
CREATE POLICY outbox_share_mail ON outbox FOR INSERT TO portal_app WITH CHECK (
    channel = 'smtp' AND share_id IN (SELECT id FROM shares s
        WHERE app.has_role(s.org_id, ARRAY['coordinator', 'org_admin'])));
-- a coordinator may retry a failed delivery of its own recipients
CREATE POLICY outbox_retry ON outbox FOR UPDATE TO portal_app
    USING (state = 'failed' AND app.has_role(recipient_org_id, ARRAY['coordinator', 'org_admin']))
    WITH CHECK (state = 'pending');

GRANT SELECT, INSERT ON classification_scales, scale_categories, scale_severity_rules,
    events, vulnerabilities, incident_customers, timeline, lessons, shares TO portal_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_obligations, sharing_rules TO portal_app;
GRANT UPDATE ON incidents, events, vulnerabilities TO portal_app;
GRANT UPDATE (fields, chosen_by, chosen_at) ON incident_customers TO portal_app;
GRANT INSERT, UPDATE ON recipients TO portal_app;
GRANT UPDATE (state, next_attempt_at, failed_at) ON outbox TO portal_app;
REVOKE ALL ON FUNCTION app.scale_for(bigint), app.member_incidents(),
    app.overseen_group_companies() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.scale_for(bigint), app.member_incidents(),
    app.overseen_group_companies(), app.tlp_rank(text) TO portal_app;
GRANT USAGE ON SEQUENCE classification_scales_id_seq, events_id_seq, vulnerabilities_id_seq,
    timeline_id_seq, notification_obligations_id_seq, lessons_id_seq, shares_id_seq,
    sharing_rules_id_seq, recipients_id_seq TO portal_app;
GRANT SELECT ON shares TO portal_forwarder;
GRANT UPDATE (receipt_id, failed_at) ON outbox TO portal_forwarder;

-- ---------------------------------------------------------------------------------------
-- Sharing rules release shares without a person approving them (still recorded as a share
-- approved by the rule). The reporter cannot read its parent's rules and recipients, so
-- the matching and the release run as owner, for callers who may handle the incident.


-- Rules (of the incident's organisation and of its group parents) that match the incident
-- and have not released it yet, with what the release needs. RED and AMBER+STRICT never
-- match a rule; the recipient must accept the TLP, category and severity.
CREATE FUNCTION app.rule_matches(p_incident bigint)
RETURNS TABLE (rule_id bigint, recipient_id bigint, recipient_org_id bigint, format text,
               endpoint text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT ru.id, r.id, r.org_id, r.format, r.url
      FROM incidents i
      JOIN sharing_rules ru ON ru.active AND (ru.org_id = i.org_id OR ru.org_id IN
           (SELECT parent_id FROM org_relations WHERE child_id = i.org_id
                AND kind = 'group_company'))
      JOIN recipients r ON r.id = ru.recipient_id AND r.active
     WHERE i.id = p_incident AND app.may_handle_incident(p_incident)
       AND i.tlp NOT IN ('red', 'amber_strict')
       AND app.tlp_rank(i.tlp) <= app.tlp_rank(r.max_tlp)
       AND array_position(ARRAY['information', 'warning', 'critical', 'emergency'], i.severity)
           >= array_position(ARRAY['information', 'warning', 'critical', 'emergency'],
                             ru.min_severity)
       AND (cardinality(ru.categories) = 0 OR i.category = ANY (ru.categories))
       AND (cardinality(r.categories) = 0 OR i.category = ANY (r.categories))
       AND (cardinality(r.severities) = 0 OR i.severity = ANY (r.severities))
       AND NOT EXISTS (SELECT 1 FROM shares s WHERE s.incident_id = i.id AND s.rule_id = ru.id)
$$;

-- Releases one rule's share: the share row and its outbox row, in the caller's
-- transaction; the forwarders are woken at commit. The TLP trigger on outbox still applies.
CREATE FUNCTION app.release_rule_share(p_incident bigint, p_rule bigint, p_key uuid,
                                       p_payload jsonb) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    m record;
    v_share bigint;
BEGIN
    SELECT * INTO m FROM app.rule_matches(p_incident) WHERE rule_id = p_rule;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'rule % does not release incident %', p_rule, p_incident
            USING ERRCODE = '42501';
    END IF;
    INSERT INTO shares (incident_id, org_id, rule_id, approved_by)
    VALUES (p_incident, m.recipient_org_id, p_rule, NULL) RETURNING id INTO v_share;
    INSERT INTO outbox (org_id, channel, recipient_id, recipient_org_id, address, incident_id,
                        share_id, kind, idempotency_key, payload)
    SELECT i.org_id, CASE WHEN m.format = 'email' THEN 'smtp' ELSE 'http' END,
           m.recipient_id, m.recipient_org_id,
           CASE WHEN m.format = 'email' THEN m.endpoint END, p_incident, v_share,
           'incident.share', p_key, p_payload
      FROM incidents i WHERE i.id = p_incident;
    INSERT INTO timeline (org_id, entity, entity_id, user_id, who, action, detail)
    SELECT i.org_id, 'incident', p_incident, app.current_user_id(), 'sharing rule',
           'shared_by_rule',
           (SELECT name FROM recipients WHERE id = m.recipient_id)
      FROM incidents i WHERE i.id = p_incident;
    PERFORM pg_notify('outbox', '');
    RETURN v_share;
END $$;

REVOKE ALL ON FUNCTION app.may_handle_incident(bigint), app.rule_matches(bigint),
    app.release_rule_share(bigint, bigint, uuid, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.may_handle_incident(bigint), app.rule_matches(bigint),
    app.release_rule_share(bigint, bigint, uuid, jsonb) TO portal_app;

-- Rows never move between organisations, whoever updates them, and a frozen
-- questionnaire stays frozen.
CREATE FUNCTION app.keep_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF to_jsonb(NEW) -> TG_ARGV[0] IS DISTINCT FROM to_jsonb(OLD) -> TG_ARGV[0] THEN
        RAISE EXCEPTION '% of % % cannot change', TG_ARGV[0], TG_TABLE_NAME, OLD.id
            USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER incidents_keep_org BEFORE UPDATE ON incidents
    FOR EACH ROW EXECUTE FUNCTION app.keep_owner('org_id');
CREATE TRIGGER incidents_keep_reporter BEFORE UPDATE ON incidents
    FOR EACH ROW EXECUTE FUNCTION app.keep_owner('reported_by');
CREATE TRIGGER events_keep_org BEFORE UPDATE ON events
    FOR EACH ROW EXECUTE FUNCTION app.keep_owner('org_id');
CREATE TRIGGER vulnerabilities_keep_org BEFORE UPDATE ON vulnerabilities
    FOR EACH ROW EXECUTE FUNCTION app.keep_owner('org_id');
CREATE TRIGGER assessments_keep_org BEFORE UPDATE ON assessments
    FOR EACH ROW EXECUTE FUNCTION app.keep_owner('org_id');
CREATE TRIGGER questionnaires_keep_owner BEFORE UPDATE ON questionnaires
    FOR EACH ROW EXECUTE FUNCTION app.keep_owner('owner_org_id');
CREATE FUNCTION app.keep_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.frozen_at IS NOT NULL AND NEW.frozen_at IS DISTINCT FROM OLD.frozen_at THEN
        RAISE EXCEPTION 'questionnaire % is frozen', OLD.id USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER questionnaires_keep_frozen BEFORE UPDATE ON questionnaires
    FOR EACH ROW EXECUTE FUNCTION app.keep_frozen();
