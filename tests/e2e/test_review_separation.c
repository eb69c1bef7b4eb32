/* test_review_separation.c - separation of duties: a person who is a reviewer at the
 * parent and an assessor at the child cannot accept or return the child's assessment
 * (their own submission), neither through the page nor through the database; the
 * parent's other reviewer can. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DUAL "assessor@energy.example"

static void owner_exec(const char *sql, const char *arg)
{
    PGconn *db = test_db_owner();
    const char *p[] = {arg};
    PGresult *r = PQexecParams(db, sql, arg ? 1 : 0, NULL, p, NULL, NULL, 0);
    ck_assert_msg(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK,
                  "%s: %s", sql, PQerrorMessage(db));
    PQclear(r);
    PQfinish(db);
}

START_TEST(respondent_cannot_review_own_submission)
{
    /* the Energy assessor is also a reviewer at Northwind Group, for this test */
    owner_exec("INSERT INTO memberships (user_id, org_id, role) SELECT u.id, o.id, 'reviewer' "
               "FROM users u, organisations o WHERE u.email = $1 AND o.name = 'Northwind Group' "
               "ON CONFLICT DO NOTHING",
               DUAL);
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, DUAL, test_password(DUAL)), 303);
    ck_assert_int_eq(http_get(h, "/assessments"), 200);
    char token[128];
    snprintf(token, sizeof token, "%s", http_csrf_of(h, "/assessments"));
    ck_assert_int_eq(http_post(h, "/assessments", "csrf_token", token, "category", "ID.RA", NULL),
                     303);
    long id = strtol(strstr(http_header(h, "Location"), "/assessments/") + 13, NULL, 10);
    char aid[24], path[96];
    snprintf(aid, sizeof aid, "%ld", id);
    /* submitted by the dual-role user (the answers do not matter here) */
    owner_exec("UPDATE assessments SET status = 'submitted', submitted_at = now(), "
               "submitted_by = (SELECT created_by FROM assessments WHERE id = $1::bigint) "
               "WHERE id = $1::bigint",
               aid);
    snprintf(path, sizeof path, "/assessments/%ld/review", id);
    ck_assert_int_eq(http_get(h, "/"), 200);
    char csrf[128];
    snprintf(csrf, sizeof csrf, "%s", http_session_csrf(h));
    ck_assert_int_eq(http_post(h, path, "csrf_token", csrf, "action", "accept", NULL), 403);
    ck_assert_ptr_nonnull(strstr(h->body, "another reviewer must decide"));

    /* nor through the database, as the portal's role with that user's context */
    PGconn *app = test_db_app_as(DUAL);
    const char *a[] = {aid};
    PGresult *r =
        PQexecParams(app, "UPDATE assessments SET status = 'accepted' WHERE id = $1::bigint", 1,
                     NULL, a, NULL, NULL, 0);
    ck_assert_msg(PQresultStatus(r) != PGRES_COMMAND_OK || atol(PQcmdTuples(r)) == 0,
                  "the respondent accepted its own assessment in SQL");
    PQclear(r);
    test_db_app_end(app);

    /* the parent's own reviewer can */
    struct http *rev = http_new();
    ck_assert_int_eq(
        http_login(rev, "reviewer@northwind.example", test_password("reviewer@northwind.example")),
        303);
    ck_assert_int_eq(http_get(rev, "/"), 200);
    ck_assert_int_eq(
        http_post(rev, path, "csrf_token", http_session_csrf(rev), "action", "accept", NULL), 303);
    owner_exec("DELETE FROM memberships WHERE role = 'reviewer' AND user_id = "
               "(SELECT id FROM users WHERE email = $1) AND org_id = "
               "(SELECT id FROM organisations WHERE name = 'Northwind Group')",
               DUAL);
    http_free(h);
    http_free(rev);
}
END_TEST

static Suite *review_separation_suite(void)
{
    Suite *s = suite_create("review_separation");
    TCase *t = tcase_create("separation");
    tcase_set_timeout(t, 30);
    tcase_add_test(t, respondent_cannot_review_own_submission);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(review_separation_suite)
