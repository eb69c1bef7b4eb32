-- incidents.sql - generated incidents for the incident-list measurements of bench.sh, run
-- as portal_owner after data.sql (it adds to bench.logins):
--   psql -v group='Bench Incidents 1M' -v orgs=1000 -v per_org=1000 -f incidents.sql
-- A parent named :group with :orgs group companies, each with :per_org incidents spread
-- over the last two years, and two signed-in coordinators (sessions made as data.sql makes
-- them): one of the parent, who oversees every group company's incidents, and one of the
-- first group company, who sees its own. Their bench.logins purpose is :group followed by
-- " parent" or " company".
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
INSERT INTO organisations (name) VALUES (:'group');
INSERT INTO organisations (name)
SELECT format('%s company %s', :'group', lpad(i::text, 5, '0')) FROM generate_series(1, :orgs) i;
INSERT INTO org_relations (parent_id, child_id, kind)
SELECT p.id, c.id, 'group_company' FROM organisations p, organisations c
 WHERE p.name = :'group' AND c.name LIKE :'group' || ' company %';

INSERT INTO users (email, display_name)
SELECT format('%s@%s.bench', who, md5(:'group')), format('%s %s', :'group', who)
  FROM unnest(ARRAY['parent', 'company']) who;
INSERT INTO memberships (user_id, org_id, role)
SELECT u.id, o.id, 'coordinator'
  FROM users u JOIN organisations o
    ON o.name = CASE WHEN u.email LIKE 'parent@%' THEN :'group'
                     ELSE :'group' || ' company 00001' END
 WHERE u.email LIKE '%@' || md5(:'group') || '.bench';
INSERT INTO bench.logins (user_id, org_id, role, token, csrf, purpose)
SELECT m.user_id, m.org_id, m.role, md5(random()::text || clock_timestamp()::text || m.user_id),
       md5(random()::text || m.user_id || 'csrf'),
       :'group' || CASE WHEN u.email LIKE 'parent@%' THEN ' parent' ELSE ' company' END
  FROM memberships m JOIN users u ON u.id = m.user_id
 WHERE u.email LIKE '%@' || md5(:'group') || '.bench';
INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
SELECT sha256(convert_to(token, 'UTF8')), user_id, csrf, now() + interval '12 hours'
  FROM bench.logins WHERE purpose LIKE :'group' || ' %';

-- incidents in creation order, the newest last; categories, severities, TLP and status
-- spread by the row number; classified with their organisation's scale, as the portal
-- records it when an incident is reported
INSERT INTO incidents (org_id, title, detected_at, description, category, severity, tlp,
                       reported_by, created_at, status, scale_id)
WITH o AS MATERIALIZED (SELECT id, name, app.scale_for(id) AS scale_id FROM organisations
                         WHERE name LIKE :'group' || ' company %')
SELECT o.id,
       format('Generated incident %s of %s', n, o.name),
       t - interval '2 hours',
       'Generated for the incident list benchmark: a phishing wave reached several '
           || 'mailboxes; two users entered credentials, which were reset the same day.',
       (ARRAY['malware', 'technical_attack', 'technical_failure', 'compromise_of_information',
              'other'])[1 + n % 5],
       (ARRAY['emergency', 'critical', 'warning', 'information'])[1 + n % 4],
       (ARRAY['clear', 'green', 'amber', 'amber_strict', 'red'])[1 + n % 5],
       u.id, t,
       (ARRAY['open', 'responding', 'resolved', 'closed'])[1 + n % 4], o.scale_id
  FROM o
  JOIN users u ON u.email = 'parent@' || md5(:'group') || '.bench'
 CROSS JOIN generate_series(1, :per_org) n
 CROSS JOIN LATERAL (SELECT now() - (interval '730 days' * (:per_org - n) / :per_org)
                            - interval '1 second' * (o.id % 997) AS t) x;
COMMIT;
ANALYZE organisations, org_relations, users, memberships, sessions, incidents;
