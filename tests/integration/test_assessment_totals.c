/* test_assessment_totals.c - the per-assessment row of category totals (schema/027) holds
 * exactly the numbers of the category rows, six per category in category order, after
 * answers are written, changed and removed, and row-level security shows it to whoever
 * sees the category rows. Runs in one transaction as the owner, rolled back. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The category rows of assessment $1 flattened as schema/027 documents, and the row. */
#define FROM_CATEGORY_ROWS                                                                         \
    "SELECT coalesce((SELECT array_agg(v ORDER BY ct.category_id, n)::text "                       \
    "  FROM assessment_category_totals ct CROSS JOIN LATERAL unnest(ARRAY[ct.category_id, "        \
    "  ct.level_sum, ct.level_count, ct.target_sum, ct.target_count, ct.gap_sum]) "                \
    "  WITH ORDINALITY AS u (v, n) WHERE ct.assessment_id = $1::bigint), 'none')"
#define FROM_TOTALS_ROW                                                                            \
    "SELECT coalesce((SELECT category_totals::text FROM assessment_totals "                        \
    "  WHERE assessment_id = $1::bigint), 'none')"

static void assert_same(PGconn *db, const char *assessment, const char *when)
{
    const char *p[] = {assessment};
    char *expected = test_db_value(db, FROM_CATEGORY_ROWS, 1, p);
    char *got = test_db_value(db, FROM_TOTALS_ROW, 1, p);
    ck_assert_msg(strcmp(expected, got) == 0, "%s: category rows %s, totals row %s", when, expected,
                  got);
    free(expected);
    free(got);
}

static void exec_ok(PGconn *db, const char *sql, const char *assessment)
{
    const char *p[] = {assessment};
    PGresult *r = PQexecParams(db, sql, assessment ? 1 : 0, NULL, p, NULL, NULL, 0);
    ck_assert_msg(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK,
                  "%s: %s", sql, PQerrorMessage(db));
    PQclear(r);
}

START_TEST(totals_row_follows_the_answers)
{
    PGconn *db = test_db_owner();
    exec_ok(db, "BEGIN", NULL);
    /* a questionnaire of the whole framework for the demo parent, and its own draft */
    exec_ok(db,
            "WITH o AS (SELECT m.org_id, m.user_id FROM memberships m JOIN users u ON u.id = "
            "  m.user_id WHERE u.email = 'reviewer@northwind.example' LIMIT 1), "
            "q AS (INSERT INTO questionnaires (owner_org_id, edition_id, title, created_by) "
            "  SELECT org_id, (SELECT max(id) FROM catalogue_editions), 'totals', user_id "
            "  FROM o RETURNING id, owner_org_id, created_by, edition_id), "
            "i AS (INSERT INTO questionnaire_items (questionnaire_id, position, kind, "
            "  subcategory_id, default_target) SELECT q.id, row_number() OVER (ORDER BY s.id), "
            "  'subcategory', s.id, 3 FROM q JOIN catalogue_functions f ON f.edition_id = "
            "  q.edition_id JOIN catalogue_categories c ON c.function_id = f.id "
            "  JOIN catalogue_subcategories s ON s.category_id = c.id) "
            "INSERT INTO assessments (org_id, questionnaire_id, created_by) "
            "SELECT owner_org_id, id, created_by FROM q",
            NULL);
    char *id = test_db_value(db, "SELECT currval('assessments_id_seq')::text", 0, NULL);
    /* answers to most items: one in seven not applicable, one in five left unanswered */
    exec_ok(db,
            "INSERT INTO assessment_answers (assessment_id, item_id, level, not_applicable, "
            "  justification, updated_by) "
            "SELECT a.id, qi.id, CASE WHEN qi.position % 7 = 0 THEN NULL ELSE qi.position % 6 END, "
            "  qi.position % 7 = 0, 'why', a.created_by "
            "FROM assessments a JOIN questionnaire_items qi ON qi.questionnaire_id = "
            "  a.questionnaire_id AND qi.kind = 'subcategory' "
            "WHERE a.id = $1::bigint AND qi.position % 5 <> 0 "
            "ON CONFLICT (assessment_id, item_id) DO UPDATE SET level = EXCLUDED.level, "
            "  not_applicable = EXCLUDED.not_applicable, justification = 'why'",
            id);
    assert_same(db, id, "as loaded");
    const char *p[] = {id};
    ck_assert_int_gt(test_db_long(db,
                                  "SELECT cardinality(category_totals) FROM assessment_totals "
                                  "WHERE assessment_id = $1::bigint",
                                  1, p),
                     0);

    /* one item: its category is recomputed, the others stay as they were */
    exec_ok(db,
            "UPDATE assessment_answers SET level = CASE WHEN level = 0 THEN 5 ELSE 0 END "
            "WHERE assessment_id = $1::bigint AND item_id = (SELECT min(item_id) "
            "FROM assessment_answers WHERE assessment_id = $1::bigint AND level IS NOT NULL)",
            id);
    assert_same(db, id, "after one level changed");
    exec_ok(db,
            "UPDATE assessment_answers SET level = CASE WHEN level >= 5 THEN 0 ELSE level + 1 "
            "END WHERE assessment_id = $1::bigint AND level IS NOT NULL",
            id);
    assert_same(db, id, "after every level changed");

    exec_ok(db,
            "INSERT INTO assessment_targets (assessment_id, item_id, level, set_by) "
            "SELECT assessment_id, item_id, 5, updated_by FROM assessment_answers "
            "WHERE assessment_id = $1::bigint "
            "ON CONFLICT (assessment_id, item_id) DO UPDATE SET level = 5",
            id);
    assert_same(db, id, "after targets were set");

    exec_ok(db, "DELETE FROM assessment_answers WHERE assessment_id = $1::bigint", id);
    assert_same(db, id, "after every answer was removed");
    char *gone = test_db_value(db, FROM_TOTALS_ROW, 1, p);
    ck_assert_str_eq(gone, "none");
    free(gone);

    exec_ok(db, "ROLLBACK", NULL);
    free(id);
    PQfinish(db);
}
END_TEST

/* Whoever reads an assessment's category rows reads its totals row, and nobody else. */
START_TEST(totals_row_is_visible_as_the_category_rows)
{
    static const char *const users[] = {"reviewer@northwind.example", "assessor@energy.example",
                                        "reporter@bolt.example"};
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
        PGconn *db = test_db_app_as(users[i]);
        long categories = test_db_long(
            db, "SELECT count(DISTINCT assessment_id) FROM assessment_category_totals", 0, NULL);
        long totals = test_db_long(db, "SELECT count(*) FROM assessment_totals", 0, NULL);
        ck_assert_msg(categories == totals, "%s sees %ld assessments' category rows, %ld totals",
                      users[i], categories, totals);
        test_db_app_end(db);
    }
}
END_TEST

static Suite *assessment_totals_suite(void)
{
    Suite *s = suite_create("assessment_totals");
    TCase *t = tcase_create("totals");
    tcase_add_test(t, totals_row_follows_the_answers);
    tcase_add_test(t, totals_row_is_visible_as_the_category_rows);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(assessment_totals_suite)
