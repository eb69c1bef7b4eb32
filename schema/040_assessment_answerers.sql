-- 040: the names of the people who answered an assessment's items, for every organisation
-- that sees the assessment (issue 10, defects 3 and 4: the reviewer beside the answers sees
-- who gave each one; users are visible only to colleagues, so the join to users came back
-- empty for the parent). Users stay as private as they were: one set of names, of the
-- people who answered, for one assessment the caller sees (app.assessment_visible, 033).
CREATE FUNCTION app.assessment_answerers(p_assessment bigint)
RETURNS TABLE (person_id bigint, person_name text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 4 AS $$
BEGIN
    IF NOT app.assessment_visible(p_assessment) THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT u.id, u.display_name
          FROM users u
         WHERE u.id IN (SELECT ans.updated_by FROM assessment_answers ans
                         WHERE ans.assessment_id = p_assessment);
END $$;

REVOKE ALL ON FUNCTION app.assessment_answerers(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.assessment_answerers(bigint) TO portal_app;
