-- data.sql - generated data for the questionnaire measurements of bench.sh, run once as
-- portal_owner: psql -v respondents=R -v savers=C -f data.sql
--
-- Questionnaires answered by suppliers (item save, full submit):
--   the parent "Bench Respond Group" and R supplier children "Bench supplier NNNNN", each
--   with one assessor (no password) who is signed in: a session made here the way
--   app.login_complete makes one (only the SHA-256 of the token is stored);
--   a frozen questionnaire of the parent with the 5 sub-categories of ID.AM (target 3);
--   campaign "Bench submit" with a draft for every child, and campaign "Bench save" with a
--   draft for the first C children (one per wrk connection).
-- The heatmaps (heatmap.sql) and the incident lists (incidents.sql) are generated after it.
--
-- The session and CSRF tokens are kept in bench.logins (the owner's; the portal cannot see
-- that schema) for bench.sh to hand to wrk and curl; purpose says which measurement a
-- login is for when its role does not.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
CREATE SCHEMA bench;
CREATE TABLE bench.logins (
    user_id bigint PRIMARY KEY,
    org_id  bigint NOT NULL,
    role    text NOT NULL,
    token   text NOT NULL,
    csrf    text NOT NULL,
    purpose text NOT NULL DEFAULT ''
);

-- ---- organisations, users, memberships ----------------------------------------------------
INSERT INTO organisations (name) VALUES ('Bench Respond Group');
INSERT INTO organisations (name)
SELECT format('Bench supplier %s', lpad(i::text, 5, '0')) FROM generate_series(1, :respondents) i;
INSERT INTO org_relations (parent_id, child_id, kind)
SELECT p.id, c.id, 'supplier' FROM organisations p, organisations c
 WHERE p.name = 'Bench Respond Group' AND c.name LIKE 'Bench supplier %';

INSERT INTO users (email, display_name) VALUES ('coordinator@respond.bench', 'Bench Coordinator');
INSERT INTO memberships (user_id, org_id, role)
SELECT u.id, o.id, r FROM (VALUES ('coordinator@respond.bench', 'Bench Respond Group', 'coordinator')) x (e, n, r)
  JOIN users u ON u.email = x.e JOIN organisations o ON o.name = x.n;
INSERT INTO users (email, display_name)
SELECT format('assessor%s@respond.bench', substr(o.name, 16)), 'Bench Assessor ' || substr(o.name, 16)
  FROM organisations o WHERE o.name LIKE 'Bench supplier %';
INSERT INTO memberships (user_id, org_id, role)
SELECT u.id, o.id, 'assessor' FROM organisations o
  JOIN users u ON u.email = format('assessor%s@respond.bench', substr(o.name, 16))
 WHERE o.name LIKE 'Bench supplier %';

-- tokens of 32 hex characters (the portal's own are 43 base64url characters; both fit)
INSERT INTO bench.logins (user_id, org_id, role, token, csrf)
SELECT m.user_id, m.org_id, m.role, md5(random()::text || clock_timestamp()::text || m.user_id),
       md5(random()::text || m.user_id || 'csrf')
  FROM memberships m JOIN users u ON u.id = m.user_id
 WHERE u.email LIKE '%.bench';
INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
SELECT sha256(convert_to(token, 'UTF8')), user_id, csrf, now() + interval '12 hours'
  FROM bench.logins;

-- ---- questionnaires and campaigns ----------------------------------------------------------
INSERT INTO questionnaires (owner_org_id, edition_id, title, created_by)
SELECT o.id, (SELECT max(id) FROM catalogue_editions), x.title, u.id
  FROM (VALUES ('Bench Respond Group', 'Bench ID.AM', 'coordinator@respond.bench')) x (org, title, email)
  JOIN organisations o ON o.name = x.org JOIN users u ON u.email = x.email;
INSERT INTO questionnaire_items (questionnaire_id, position, kind, subcategory_id, default_target)
SELECT q.id, row_number() OVER (PARTITION BY q.id ORDER BY f.position, cat.position, s.position),
       'subcategory', s.id, 3
  FROM questionnaires q
  JOIN catalogue_functions f ON f.edition_id = q.edition_id
  JOIN catalogue_categories cat ON cat.function_id = f.id
  JOIN catalogue_subcategories s ON s.category_id = cat.id
 WHERE q.title = 'Bench ID.AM' AND cat.code = 'ID.AM';
UPDATE questionnaires SET frozen_at = now() WHERE title = 'Bench ID.AM';

INSERT INTO campaigns (owner_org_id, questionnaire_id, title, due_date, created_by)
SELECT q.owner_org_id, q.id, t, current_date + 30, q.created_by
  FROM questionnaires q, unnest(ARRAY['Bench submit', 'Bench save']) t
 WHERE q.title = 'Bench ID.AM';

-- ---- drafts to save and submit -------------------------------------------------------------
INSERT INTO assessments (org_id, questionnaire_id, campaign_id, created_by)
SELECT l.org_id, cp.questionnaire_id, cp.id, cp.created_by
  FROM bench.logins l, campaigns cp
 WHERE l.role = 'assessor' AND cp.title = 'Bench submit'
 ORDER BY l.org_id;
INSERT INTO assessments (org_id, questionnaire_id, campaign_id, created_by)
SELECT l.org_id, cp.questionnaire_id, cp.id, cp.created_by
  FROM (SELECT org_id FROM bench.logins WHERE role = 'assessor' ORDER BY org_id LIMIT :savers) l,
       campaigns cp
 WHERE cp.title = 'Bench save';

COMMIT;
ANALYZE organisations, org_relations, users, memberships, sessions, questionnaires,
    questionnaire_items, campaigns, assessments, assessment_answers, audit_log;
