/* test_assessment_links.c - a respondent cannot move its assessment into another
 * parent's campaign (or change its questionnaire) by updating the row. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

START_TEST(respondent_cannot_change_campaign)
{
    PGconn *owner = test_db_owner();
    char *ids = test_db_value(
        owner,
        "WITH e AS (SELECT id FROM organisations WHERE name = 'Northwind Energy'), "
        "g AS (SELECT id FROM organisations WHERE name = 'Northwind Group'), "
        "u AS (SELECT id FROM users WHERE email = 'assessor@energy.example'), "
        "adm AS (SELECT id FROM users WHERE email = 'admin@northwind.example'), "
        "q AS (INSERT INTO questionnaires (owner_org_id, edition_id, title, created_by) "
        "  SELECT e.id, (SELECT min(id) FROM catalogue_editions), 'Links test', u.id "
        "  FROM e, u RETURNING id), "
        "a AS (INSERT INTO assessments (org_id, questionnaire_id, created_by) "
        "  SELECT e.id, q.id, u.id FROM e, q, u RETURNING id), "
        "c AS (INSERT INTO campaigns (owner_org_id, questionnaire_id, title, due_date, "
        "  created_by) SELECT g.id, q.id, 'Links test', current_date + 7, adm.id "
        "  FROM g, q, adm RETURNING id) "
        "SELECT a.id || ' ' || c.id || ' ' || (SELECT id FROM u) FROM a, c",
        0, NULL);
    char a[24], c[24], u[24];
    ck_assert_int_eq(sscanf(ids, "%23s %23s %23s", a, c, u), 3);
    free(ids);
    PGconn *db = test_db_app_as("assessor@energy.example");
    const char *p[] = {c, a};
    PGresult *r = PQexecParams(db,
                               "UPDATE assessments SET campaign_id = $1::bigint "
                               "WHERE id = $2::bigint",
                               2, NULL, p, NULL, NULL, 0);
    ck_assert_msg(PQresultStatus(r) != PGRES_COMMAND_OK || atol(PQcmdTuples(r)) == 0,
                  "the respondent moved its assessment into the parent's campaign");
    PQclear(r);
    test_db_app_end(db);
    const char *ap[] = {a};
    ck_assert_int_eq(test_db_long(owner,
                                  "SELECT count(*) FROM assessments WHERE id = $1::bigint "
                                  "AND campaign_id IS NULL",
                                  1, ap),
                     1);
    PQfinish(owner);
}
END_TEST

static Suite *assessment_links_suite(void)
{
    Suite *s = suite_create("assessment_links");
    TCase *t = tcase_create("links");
    tcase_add_test(t, respondent_cannot_change_campaign);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(assessment_links_suite)
