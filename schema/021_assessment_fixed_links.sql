-- 021: an assessment's campaign and questionnaire are fixed when it is made. A respondent
-- could UPDATE its assessment's campaign_id and so attach it to another parent's campaign
-- (and that parent's reviews, reports and reminders).
CREATE FUNCTION app.assessment_links_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.campaign_id IS DISTINCT FROM OLD.campaign_id
       OR NEW.questionnaire_id IS DISTINCT FROM OLD.questionnaire_id
       OR NEW.created_by IS DISTINCT FROM OLD.created_by THEN
        RAISE EXCEPTION 'an assessment''s campaign, questionnaire and creator never change'
            USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER assessments_links_fixed BEFORE UPDATE ON assessments
    FOR EACH ROW EXECUTE FUNCTION app.assessment_links_fixed();
