-- 033: the names of the people who submitted and reviewed an assessment, for every
-- organisation that sees the assessment (issue 10, defect 4: the parent's reviewer read
-- "submitted by , 2026-12-05" because users are visible only to colleagues, and the
-- child's assessor read "reviewed by , ..." for the same reason). Users stay as private as
-- they were: these functions give one name, of one person, for one assessment the caller
-- sees, and only when that person submitted or reviewed it.

-- Whether the user sees assessment p_assessment: the assessments_read policy's condition,
-- asked of one row (tests/integration/test_assessment_people.c checks that the two agree).
CREATE FUNCTION app.assessment_visible(p_assessment bigint) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN EXISTS (
        SELECT 1 FROM assessments a
         WHERE a.id = p_assessment
           AND (a.org_id IN (SELECT app.member_orgs())
                OR a.campaign_id IN (SELECT app.managed_campaigns())
                OR (a.campaign_id IS NULL AND a.status <> 'draft'
                    AND a.org_id IN (SELECT app.overseen_orgs()))));
END $$;

-- The display name of the person who submitted (p_role 'submitted') or reviewed
-- ('reviewed') assessment p_assessment, when the user sees that assessment; NULL otherwise.
CREATE FUNCTION app.assessment_person(p_assessment bigint, p_role text) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    name text;
BEGIN
    IF NOT app.assessment_visible(p_assessment) THEN
        RETURN NULL;
    END IF;
    SELECT u.display_name INTO name
      FROM assessments a
      JOIN users u ON u.id = CASE p_role WHEN 'submitted' THEN a.submitted_by
                                          WHEN 'reviewed' THEN a.reviewed_by END
     WHERE a.id = p_assessment;
    RETURN name;
END $$;

REVOKE ALL ON FUNCTION app.assessment_visible(bigint), app.assessment_person(bigint, text)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.assessment_visible(bigint), app.assessment_person(bigint, text)
    TO portal_app;
