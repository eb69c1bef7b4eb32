-- 052: whose answers a user reads, as a view the planner sees into (issue 9), as 051 did
-- for questionnaires.
--
-- The read policies of answers, their history, evidence files and the score totals asked
-- app.answer_readable_assessments(), computed whole at every statement: for the reviewer
-- of a parent with 10 000 group companies, every submitted assessment of its campaigns
-- (13 ms) to let through the 88 answers of one. The same set as a view owned like the
-- tables, asked with EXISTS for the row at hand; the branches are those of the function,
-- with app.member_orgs, app.managed_campaigns and app.overseen_orgs written out:
--   assessments of the user's organisations;
--   assessments past draft of campaigns the user manages (org_admin, reviewer, coordinator
--   of the campaign's owner);
--   assessments past draft outside campaigns of organisations the user oversees.
CREATE VIEW app.answer_readability AS
    SELECT a.id FROM assessments a JOIN memberships m ON m.org_id = a.org_id
     WHERE m.user_id = app.current_user_id()
    UNION ALL
    SELECT a.id FROM assessments a JOIN campaigns c ON c.id = a.campaign_id
      JOIN memberships m ON m.org_id = c.owner_org_id
     WHERE m.user_id = app.current_user_id()
       AND m.role IN ('org_admin', 'reviewer', 'coordinator') AND a.status <> 'draft'
    UNION ALL
    SELECT a.id FROM assessments a JOIN org_relations r ON r.child_id = a.org_id
      JOIN memberships m ON m.org_id = r.parent_id
     WHERE m.user_id = app.current_user_id()
       AND m.role IN ('reviewer', 'coordinator', 'org_admin')
       AND (r.administers OR r.confirmed_at IS NOT NULL)
       AND a.campaign_id IS NULL AND a.status <> 'draft';
REVOKE ALL ON app.answer_readability FROM PUBLIC;
GRANT SELECT ON app.answer_readability TO portal_app;

ALTER POLICY answers_read ON assessment_answers USING (
    EXISTS (SELECT 1 FROM app.answer_readability v
             WHERE v.id = assessment_answers.assessment_id));
ALTER POLICY history_read ON answer_history USING (
    EXISTS (SELECT 1 FROM app.answer_readability v WHERE v.id = answer_history.assessment_id));
ALTER POLICY evidence_read ON evidence_files USING (
    EXISTS (SELECT 1 FROM app.answer_readability v WHERE v.id = evidence_files.assessment_id));
ALTER POLICY totals_read ON assessment_category_totals USING (
    EXISTS (SELECT 1 FROM app.answer_readability v
             WHERE v.id = assessment_category_totals.assessment_id));
ALTER POLICY assessment_totals_read ON assessment_totals USING (
    EXISTS (SELECT 1 FROM app.answer_readability v
             WHERE v.id = assessment_totals.assessment_id));
