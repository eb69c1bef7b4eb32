-- Per assessment and catalogue category, the sums the scores roll up from (answered
-- levels, targets, positive gaps), kept current by triggers on answers and targets. The
-- heatmap of a parent with a thousand organisations reads twenty-two rows per organisation
-- here instead of aggregating every answer on each request. Category weights are applied
-- when scores are computed (lib/scoring), so changing a weight needs no refresh.

CREATE TABLE assessment_category_totals (
    assessment_id bigint NOT NULL REFERENCES assessments(id),
    category_id   int NOT NULL REFERENCES catalogue_categories(id),
    level_sum     int NOT NULL,
    level_count   int NOT NULL,
    target_sum    int NOT NULL,
    target_count  int NOT NULL,
    gap_sum       int NOT NULL,
    PRIMARY KEY (assessment_id, category_id)
);

-- Recomputes the totals of the given assessments from their answers and targets.
CREATE FUNCTION app.refresh_category_totals(p_ids bigint[]) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DELETE FROM assessment_category_totals WHERE assessment_id = ANY (p_ids);
    INSERT INTO assessment_category_totals (assessment_id, category_id, level_sum,
                                            level_count, target_sum, target_count, gap_sum)
    SELECT x.assessment_id, s.category_id,
           coalesce(sum(x.level), 0), count(x.level),
           coalesce(sum(coalesce(t.level, qi.default_target)), 0),
           count(coalesce(t.level, qi.default_target)),
           coalesce(sum(greatest(coalesce(t.level, qi.default_target) - x.level, 0)), 0)
      FROM assessment_answers x
      JOIN questionnaire_items qi ON qi.id = x.item_id AND qi.kind = 'subcategory'
      JOIN catalogue_subcategories s ON s.id = qi.subcategory_id
      LEFT JOIN assessment_targets t ON t.assessment_id = x.assessment_id
                                    AND t.item_id = x.item_id
     WHERE x.assessment_id = ANY (p_ids) AND NOT x.not_applicable
     GROUP BY x.assessment_id, s.category_id;
$$;

CREATE FUNCTION app.category_totals_new() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM app.refresh_category_totals(ARRAY(SELECT DISTINCT assessment_id FROM changed));
    RETURN NULL;
END $$;

CREATE TRIGGER answers_totals_insert AFTER INSERT ON assessment_answers
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
    EXECUTE FUNCTION app.category_totals_new();
CREATE TRIGGER answers_totals_update AFTER UPDATE ON assessment_answers
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
    EXECUTE FUNCTION app.category_totals_new();
CREATE TRIGGER answers_totals_delete AFTER DELETE ON assessment_answers
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT
    EXECUTE FUNCTION app.category_totals_new();
CREATE TRIGGER targets_totals_insert AFTER INSERT ON assessment_targets
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
    EXECUTE FUNCTION app.category_totals_new();
CREATE TRIGGER targets_totals_update AFTER UPDATE ON assessment_targets
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
    EXECUTE FUNCTION app.category_totals_new();
CREATE TRIGGER targets_totals_delete AFTER DELETE ON assessment_targets
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT
    EXECUTE FUNCTION app.category_totals_new();

-- Answers that existed before this migration.
DO $$ BEGIN PERFORM app.refresh_category_totals(ARRAY(SELECT id FROM assessments)); END $$;

-- Visible as the answers are: the respondent always, the reviewing side once submitted.
ALTER TABLE assessment_category_totals ENABLE ROW LEVEL SECURITY;
CREATE POLICY totals_read ON assessment_category_totals FOR SELECT TO portal_app USING (
    assessment_id IN (SELECT app.answer_readable_assessments()));
GRANT SELECT ON assessment_category_totals TO portal_app;
REVOKE ALL ON FUNCTION app.refresh_category_totals(bigint[]) FROM PUBLIC;
