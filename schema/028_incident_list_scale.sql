-- 028: the incident list at a million incidents (issue 9). The list pages by creation time
-- (newest first, keyset cursor on created_at and id). A parent's coordinator who oversees
-- a thousand group companies sees nearly every row, and is served best by walking one
-- index on (created_at, id) until a page is full; a group company's coordinator sees a
-- thousandth of them, and is served best by walking its own organisations' rows. The list's
-- statement chooses between the two by the number of organisations below, which this
-- function gives (row-level security still decides what each row shows).

CREATE INDEX incidents_created ON incidents (created_at DESC, id DESC);
CREATE INDEX incidents_org_created ON incidents (org_id, created_at DESC, id DESC);
DROP INDEX incidents_org;

-- The organisations whose incidents the user reads in full (as the incidents_read policy
-- has it): their own and the group companies they oversee.
CREATE FUNCTION app.incident_orgs() RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN ARRAY(SELECT app.member_orgs() UNION SELECT app.overseen_group_companies());
END $$;
REVOKE ALL ON FUNCTION app.incident_orgs() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.incident_orgs() TO portal_app;
