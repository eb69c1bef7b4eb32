-- heatmap.sql - the heatmap of a parent for bench.sh, run as portal_owner after data.sql:
--   psql -v group='Bench Heatmap 1000' -v children=1000 -f heatmap.sql
-- The parent :group with a signed-in reviewer (bench.logins purpose :group), :children
-- children ":group child NNNNN" (every fifth a group company, the others suppliers), a
-- frozen questionnaire of the whole framework (88 sub-categories, target 3), one campaign,
-- and for every child an accepted assessment with all 88 items answered (levels 0-5 spread
-- by a hash, about 2 % not applicable with a justification, every answer with a
-- justification and evidence notes of a realistic length); the answer history trigger
-- writes one history row each.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
INSERT INTO organisations (name) VALUES (:'group');
INSERT INTO organisations (name)
SELECT format('%s child %s', :'group', lpad(i::text, 5, '0')) FROM generate_series(1, :children) i;
INSERT INTO org_relations (parent_id, child_id, kind)
SELECT p.id, c.id, CASE WHEN right(c.name, 5)::int % 5 = 0 THEN 'group_company' ELSE 'supplier' END
  FROM organisations p, organisations c
 WHERE p.name = :'group' AND c.name LIKE :'group' || ' child %';

INSERT INTO users (email, display_name)
VALUES (format('reviewer@%s.bench', md5(:'group')), :'group' || ' Reviewer');
INSERT INTO memberships (user_id, org_id, role)
SELECT u.id, o.id, 'reviewer' FROM users u, organisations o
 WHERE u.email = format('reviewer@%s.bench', md5(:'group')) AND o.name = :'group';
INSERT INTO bench.logins (user_id, org_id, role, token, csrf, purpose)
SELECT m.user_id, m.org_id, m.role, md5(random()::text || clock_timestamp()::text || m.user_id),
       md5(random()::text || m.user_id || 'csrf'), :'group'
  FROM memberships m JOIN users u ON u.id = m.user_id
 WHERE u.email = format('reviewer@%s.bench', md5(:'group'));
INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
SELECT sha256(convert_to(token, 'UTF8')), user_id, csrf, now() + interval '12 hours'
  FROM bench.logins WHERE purpose = :'group';

INSERT INTO questionnaires (owner_org_id, edition_id, title, created_by)
SELECT l.org_id, (SELECT max(id) FROM catalogue_editions), :'group' || ' framework', l.user_id
  FROM bench.logins l WHERE l.purpose = :'group';
INSERT INTO questionnaire_items (questionnaire_id, position, kind, subcategory_id, default_target)
SELECT q.id, row_number() OVER (PARTITION BY q.id ORDER BY f.position, cat.position, s.position),
       'subcategory', s.id, 3
  FROM questionnaires q
  JOIN catalogue_functions f ON f.edition_id = q.edition_id
  JOIN catalogue_categories cat ON cat.function_id = f.id
  JOIN catalogue_subcategories s ON s.category_id = cat.id
 WHERE q.title = :'group' || ' framework';
UPDATE questionnaires SET frozen_at = now() WHERE title = :'group' || ' framework';
INSERT INTO campaigns (owner_org_id, questionnaire_id, title, due_date, created_by, created_at)
SELECT q.owner_org_id, q.id, :'group' || ' campaign', current_date - 30, q.created_by,
       now() - interval '90 days'
  FROM questionnaires q WHERE q.title = :'group' || ' framework';

INSERT INTO assessments (org_id, questionnaire_id, campaign_id, status, created_by, created_at,
                         updated_at, submitted_by, submitted_at, reviewed_by, reviewed_at)
SELECT r.child_id, cp.questionnaire_id, cp.id, 'accepted', cp.created_by,
       now() - interval '80 days', now() - interval '20 days', cp.created_by,
       now() - interval '40 days', cp.created_by, now() - interval '20 days'
  FROM campaigns cp JOIN org_relations r ON r.parent_id = cp.owner_org_id
 WHERE cp.title = :'group' || ' campaign'
 ORDER BY r.child_id;
INSERT INTO assessment_answers (assessment_id, item_id, level, not_applicable, justification,
                                evidence_notes, updated_by, updated_at)
SELECT a.id, qi.id,
       CASE WHEN h % 50 = 0 THEN NULL ELSE h % 6 END,
       h % 50 = 0,
       CASE WHEN h % 50 = 0 THEN 'Not applicable: this organisation runs no such systems, '
                                 'as agreed with the group security office in the last review.'
            ELSE 'Documented in the security manual, section ' || (h % 40 + 1)
                 || '; owner: the information security officer; last reviewed this year.' END,
       'Evidence: policy document v' || (h % 9 + 1) || '.' || (h % 7)
           || ', minutes of the management review, screenshots of the configuration and the '
           || 'report of the internal audit (finding ' || (h % 100) || ' closed).',
       cp.created_by, now() - interval '45 days'
  FROM campaigns cp
  JOIN assessments a ON a.campaign_id = cp.id
  JOIN questionnaire_items qi ON qi.questionnaire_id = cp.questionnaire_id
  CROSS JOIN LATERAL (SELECT hashint8(a.org_id * 1000 + qi.position)::bigint + 2147483648 AS h) x
 WHERE cp.title = :'group' || ' campaign';
COMMIT;
ANALYZE organisations, org_relations, users, memberships, sessions, questionnaires,
    questionnaire_items, campaigns, assessments, assessment_answers, answer_history,
    assessment_category_totals, assessment_totals;
