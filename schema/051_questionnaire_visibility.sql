-- 051: which questionnaires a user reads, as a view the planner sees into (issue 9).
--
-- The read policies of questionnaires and questionnaire_items asked app.visible_questionnaires(),
-- a function the planner cannot see into: each statement computed the whole set first. For
-- the reviewer of a parent with 10 000 group companies that set came from every assessment
-- of the parent's campaigns (app.respondent_assessments), 17-18 ms per statement, twice on
-- each assessment page, to let through one questionnaire.
--
-- The same set as a view, owned like the tables it reads (so their own row-level security
-- does not apply inside it, as it did not inside the SECURITY DEFINER function) and asked
-- with EXISTS for the row at hand: the planner chooses per statement between a probe per
-- row and one pass over the set (4 ms for that reviewer instead of 18). The branches are
-- those of app.visible_questionnaires, with app.respondent_assessments, app.managed_campaigns
-- and app.overseen_orgs written out:
--   questionnaires the user's organisations own;
--   those of an assessment of one of the user's organisations;
--   those of an assessment of a campaign the user manages (org_admin, reviewer, coordinator
--   of the campaign's owner);
--   those of a submitted assessment outside campaigns of an organisation the user oversees.
CREATE VIEW app.questionnaire_visibility AS
    SELECT q.id FROM questionnaires q JOIN memberships m ON m.org_id = q.owner_org_id
     WHERE m.user_id = app.current_user_id()
    UNION ALL
    SELECT a.questionnaire_id FROM assessments a JOIN memberships m ON m.org_id = a.org_id
     WHERE m.user_id = app.current_user_id()
    UNION ALL
    SELECT a.questionnaire_id FROM assessments a JOIN campaigns c ON c.id = a.campaign_id
      JOIN memberships m ON m.org_id = c.owner_org_id
     WHERE m.user_id = app.current_user_id()
       AND m.role IN ('org_admin', 'reviewer', 'coordinator')
    UNION ALL
    SELECT a.questionnaire_id FROM assessments a JOIN org_relations r ON r.child_id = a.org_id
      JOIN memberships m ON m.org_id = r.parent_id
     WHERE m.user_id = app.current_user_id()
       AND m.role IN ('reviewer', 'coordinator', 'org_admin')
       AND (r.administers OR r.confirmed_at IS NOT NULL)
       AND a.campaign_id IS NULL AND a.status <> 'draft';
REVOKE ALL ON app.questionnaire_visibility FROM PUBLIC;
GRANT SELECT ON app.questionnaire_visibility TO portal_app;

-- the owner test first, so that a row just inserted is visible to RETURNING (as before)
ALTER POLICY questionnaires_read ON questionnaires USING (
    owner_org_id IN (SELECT app.member_orgs())
    OR EXISTS (SELECT 1 FROM app.questionnaire_visibility v WHERE v.id = questionnaires.id));
ALTER POLICY questionnaire_items_read ON questionnaire_items USING (
    EXISTS (SELECT 1 FROM app.questionnaire_visibility v
             WHERE v.id = questionnaire_items.questionnaire_id));
