-- Self-assessments: an organisation answers the sub-categories of one catalogue category
-- with a current maturity level, saves drafts, and submits; the parent's reviewers see
-- submitted assessments (never drafts) of the organisations they oversee.

CREATE TABLE assessments (
    id           bigserial PRIMARY KEY,
    org_id       bigint NOT NULL REFERENCES organisations(id),
    category_id  int NOT NULL REFERENCES catalogue_categories(id),
    status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    created_by   bigint NOT NULL REFERENCES users(id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    submitted_by bigint REFERENCES users(id),
    submitted_at timestamptz,
    CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
);
CREATE INDEX assessments_org ON assessments (org_id, category_id);
-- At most one open draft per organisation and category.
CREATE UNIQUE INDEX assessments_one_draft ON assessments (org_id, category_id)
    WHERE status = 'draft';

CREATE TABLE assessment_answers (
    assessment_id  bigint NOT NULL REFERENCES assessments(id),
    subcategory_id int NOT NULL REFERENCES catalogue_subcategories(id),
    level          int NOT NULL REFERENCES maturity_levels(level),
    updated_by     bigint NOT NULL REFERENCES users(id),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (assessment_id, subcategory_id)
);

ALTER TABLE assessments ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment_answers ENABLE ROW LEVEL SECURITY;

CREATE POLICY assessments_read ON assessments FOR SELECT TO portal_app USING (
    org_id IN (SELECT app.member_orgs())
    OR (status = 'submitted' AND org_id IN (SELECT app.overseen_orgs())));
CREATE POLICY assessments_insert ON assessments FOR INSERT TO portal_app WITH CHECK (
    app.has_role(org_id, ARRAY['assessor', 'org_admin']) AND status = 'draft'
    AND created_by = app.current_user_id());
-- Only drafts change; a submitted assessment is read-only.
CREATE POLICY assessments_update ON assessments FOR UPDATE TO portal_app
    USING (status = 'draft' AND app.has_role(org_id, ARRAY['assessor', 'org_admin']))
    WITH CHECK (app.has_role(org_id, ARRAY['assessor', 'org_admin']));

-- Answers follow their assessment: the sub-select is itself filtered by the policies above.
CREATE POLICY answers_read ON assessment_answers FOR SELECT TO portal_app USING (
    assessment_id IN (SELECT id FROM assessments));
CREATE POLICY answers_write ON assessment_answers FOR ALL TO portal_app
    USING (assessment_id IN (SELECT id FROM assessments a WHERE a.status = 'draft'
                              AND app.has_role(a.org_id, ARRAY['assessor', 'org_admin'])))
    WITH CHECK (assessment_id IN (SELECT id FROM assessments a WHERE a.status = 'draft'
                              AND app.has_role(a.org_id, ARRAY['assessor', 'org_admin']))
                AND updated_by = app.current_user_id());

GRANT SELECT, INSERT, UPDATE ON assessments TO portal_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON assessment_answers TO portal_app;
GRANT USAGE ON SEQUENCE assessments_id_seq TO portal_app;
