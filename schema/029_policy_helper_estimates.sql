-- 029: row estimates for the policy helpers whose sets are small (issue 9). A set-returning
-- function is planned as returning 1 000 rows unless it says otherwise, so a helper that
-- filters a large table by "org_id IN (SELECT app.member_orgs())" was planned as a hash
-- join over a scan of the whole table: app.visible_campaigns read all 11 104 assessments
-- of the benchmark's data for an assessor who belongs to one organisation (7 ms of each
-- statement that reads a campaign), and app.member_incidents would read every incident.
-- With a truthful estimate the same queries walk the organisation's index. A user belongs
-- to a handful of organisations and manages the campaigns and drafts of those; the sets
-- that grow with a parent's children (overseen organisations, readable assessments) keep
-- the default, which suits them.
ALTER FUNCTION app.member_orgs() ROWS 5;
ALTER FUNCTION app.managed_campaigns() ROWS 20;
ALTER FUNCTION app.editable_assessments() ROWS 20;
