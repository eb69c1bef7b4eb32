-- 017: separation of duties in review. A person who is a reviewer at the parent and an
-- assessor or administrator at the child could accept or return the child's assessment,
-- their own submission included. Whoever may answer for the respondent never decides on
-- its assessment, however the UPDATE reaches the table.
CREATE FUNCTION app.review_separation() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.status IN ('accepted', 'returned') AND OLD.status = 'submitted'
       AND (app.current_user_id() IS NOT DISTINCT FROM OLD.submitted_by
            OR app.has_role(NEW.org_id, ARRAY['assessor', 'org_admin'])) THEN
        RAISE EXCEPTION 'a respondent of organisation % cannot review its assessment',
            NEW.org_id USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER assessments_review_separation BEFORE UPDATE OF status ON assessments
    FOR EACH ROW EXECUTE FUNCTION app.review_separation();
