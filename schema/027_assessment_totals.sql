-- 027: one row per assessment with all its category totals (issue 9). The heatmap of a
-- parent read twenty-two rows of assessment_category_totals per child and sorted them all
-- (1 000 children: 22 000 rows, most of the query's time); it now reads one row per child.
-- The row holds the same numbers as the category rows, six per category in category order:
-- category id, level sum, level count, target sum, target count, gap sum. Weights and the
-- roll-up to functions stay in lib/scoring, the one place the scoring method lives.
-- Kept by the function that keeps the category rows, in the same statement.

CREATE TABLE assessment_totals (
    assessment_id   bigint PRIMARY KEY REFERENCES assessments(id),
    category_totals int[] NOT NULL CHECK (cardinality(category_totals) % 6 = 0)
);

CREATE OR REPLACE FUNCTION app.refresh_category_totals(p_ids bigint[]) RETURNS void
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
    DELETE FROM assessment_totals WHERE assessment_id = ANY (p_ids);
    INSERT INTO assessment_totals (assessment_id, category_totals)
    SELECT ct.assessment_id,
           array_agg(v ORDER BY ct.category_id, n)
      FROM assessment_category_totals ct
     CROSS JOIN LATERAL unnest(ARRAY[ct.category_id, ct.level_sum, ct.level_count,
                                     ct.target_sum, ct.target_count, ct.gap_sum])
                        WITH ORDINALITY AS u (v, n)
     WHERE ct.assessment_id = ANY (p_ids)
     GROUP BY ct.assessment_id;
$$;
REVOKE ALL ON FUNCTION app.refresh_category_totals(bigint[]) FROM PUBLIC;

DO $$ BEGIN PERFORM app.refresh_category_totals(ARRAY(SELECT id FROM assessments)); END $$;

-- Visible as the category rows are.
ALTER TABLE assessment_totals ENABLE ROW LEVEL SECURITY;
CREATE POLICY assessment_totals_read ON assessment_totals FOR SELECT TO portal_app USING (
    assessment_id IN (SELECT app.answer_readable_assessments()));
GRANT SELECT ON assessment_totals TO portal_app;
