-- Incident notifications: a reporter of an organisation records what happened, with a
-- category and severity from ISO/IEC 27035-2 Annex C and a TLP 2.0 sharing level. Members
-- see their organisation's incidents; a parent's coordinators and reviewers see those of
-- the organisations they oversee.

CREATE TABLE incidents (
    id          bigserial PRIMARY KEY,
    org_id      bigint NOT NULL REFERENCES organisations(id),
    number      text GENERATED ALWAYS AS ('INC-' || lpad(id::text, 6, '0')) STORED,
    title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    detected_at timestamptz NOT NULL,
    description text NOT NULL CHECK (length(description) BETWEEN 1 AND 10000),
    category    text NOT NULL CHECK (category IN (
                  'natural_disaster', 'social_unrest', 'physical_damage',
                  'infrastructure_failure', 'radiation_disturbance', 'technical_failure',
                  'malware', 'technical_attack', 'violation_of_rules',
                  'compromise_of_functions', 'compromise_of_information',
                  'harmful_content', 'other')),
    severity    text NOT NULL CHECK (severity IN ('emergency', 'critical', 'warning',
                                                  'information')),
    tlp         text NOT NULL CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict',
                                             'red')),
    reported_by bigint NOT NULL REFERENCES users(id),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incidents_org ON incidents (org_id, created_at DESC);

ALTER TABLE incidents ENABLE ROW LEVEL SECURITY;
CREATE POLICY incidents_read ON incidents FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs()) OR org_id IN (SELECT app.overseen_orgs()));
CREATE POLICY incidents_insert ON incidents FOR INSERT TO portal_app WITH CHECK (
    app.has_role(org_id, ARRAY['incident_reporter', 'coordinator', 'org_admin'])
    AND reported_by = app.current_user_id());

GRANT SELECT, INSERT ON incidents TO portal_app;
GRANT USAGE ON SEQUENCE incidents_id_seq TO portal_app;
