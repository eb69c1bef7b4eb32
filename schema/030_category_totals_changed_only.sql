-- 030: an answer saved recomputes the totals of its own category only (issue 9). Profiled
-- on an item save: the statement triggers on assessment_answers took 3.3 of the upsert's
-- 4.3 ms. An upsert fires the INSERT and the UPDATE statement triggers both, and the one
-- with no rows still ran the whole refresh; each refresh recomputed every category of the
-- assessment (22 for the whole framework) from all its answers. Now a trigger with no
-- changed rows does nothing, and the refresh recomputes the (assessment, category) pairs of
-- the changed items, then the assessment's row of totals (schema/027) from its category
-- rows. app.refresh_category_totals(ids) stays for whole assessments.

-- Recomputes the category rows of assessments p_ids for the categories of items p_items,
-- and those assessments' rows of totals.
CREATE FUNCTION app.refresh_category_totals_of_items(p_ids bigint[], p_items bigint[])
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    categories int[];
BEGIN
    IF cardinality(p_ids) = 0 THEN
        RETURN;
    END IF;
    categories := ARRAY(SELECT DISTINCT s.category_id
                          FROM questionnaire_items qi
                          JOIN catalogue_subcategories s ON s.id = qi.subcategory_id
                         WHERE qi.id = ANY (p_items) AND qi.kind = 'subcategory');
    IF cardinality(categories) = 0 THEN
        RETURN;
    END IF;
    DELETE FROM assessment_category_totals
     WHERE assessment_id = ANY (p_ids) AND category_id = ANY (categories);
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
       AND s.category_id = ANY (categories)
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
END $$;
REVOKE ALL ON FUNCTION app.refresh_category_totals_of_items(bigint[], bigint[]) FROM PUBLIC;

CREATE OR REPLACE FUNCTION app.category_totals_new() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM app.refresh_category_totals_of_items(
        ARRAY(SELECT DISTINCT assessment_id FROM changed),
        ARRAY(SELECT DISTINCT item_id FROM changed));
    RETURN NULL;
END $$;
