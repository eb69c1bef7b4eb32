/* test_assessment.c - the self-assessment path through nginx: an assessor of a group
 * company opens Identify -> Asset Management, saves a draft, resumes, is refused an
 * incomplete or invalid submission (422, input kept, nothing stored), submits; the
 * parent's reviewer sees the score; another company cannot see it by URL or in SQL. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASSESSOR "assessor@energy.example"

static long start_assessment(struct http *h)
{
    ck_assert_int_eq(http_login(h, ASSESSOR, test_password(ASSESSOR)), 303);
    ck_assert_int_eq(http_get(h, "/assessments"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "ID.AM"));
    char token[128];
    snprintf(token, sizeof token, "%s", http_csrf(h));
    ck_assert_int_eq(http_post(h, "/assessments", "csrf_token", token, "category", "ID.AM", NULL),
                     303);
    const char *loc = http_header(h, "Location");
    ck_assert_ptr_nonnull(loc);
    long id = 0;
    ck_assert_int_eq(sscanf(loc, "/assessments/%ld", &id), 1);
    return id;
}

static char *answers_of(long id)
{
    PGconn *db = test_db_owner();
    char a[24];
    snprintf(a, sizeof a, "%ld", id);
    const char *p[] = {a};
    char *v = test_db_value(db,
                            "SELECT a.status || ':' || coalesce(string_agg(s.code || '=' || "
                            "x.level, ',' ORDER BY s.code), '') FROM assessments a "
                            "LEFT JOIN assessment_answers x ON x.assessment_id = a.id "
                            "LEFT JOIN questionnaire_items qi ON qi.id = x.item_id "
                            "LEFT JOIN catalogue_subcategories s ON s.id = qi.subcategory_id "
                            "WHERE a.id = $1 GROUP BY a.status",
                            1, p);
    PQfinish(db);
    return v;
}

/* The form field of sub-category code (e.g. "ID.AM-1") in assessment id: level_<item>. */
static const char *field_of(long assessment, const char *code)
{
    static char field[32];
    PGconn *db = test_db_owner();
    char a[24];
    snprintf(a, sizeof a, "%ld", assessment);
    const char *p[] = {code, a};
    char *id = test_db_value(db,
                             "SELECT qi.id FROM questionnaire_items qi "
                             "JOIN catalogue_subcategories s ON s.id = qi.subcategory_id "
                             "JOIN assessments a ON a.questionnaire_id = qi.questionnaire_id "
                             "WHERE s.code = $1 AND a.id = $2::bigint",
                             2, p);
    snprintf(field, sizeof field, "level_%s", id);
    free(id);
    PQfinish(db);
    return field;
}

START_TEST(draft_resume_submit_and_review)
{
    struct http *h = http_new();
    long id = start_assessment(h);
    char path[64];
    snprintf(path, sizeof path, "/assessments/%ld", id);
    ck_assert_int_eq(http_get(h, path), 200);
    /* the five sub-categories of Table A.5 with their mappings and the scale explained */
    for (int i = 1; i <= 5; i++) {
        char code[16];
        snprintf(code, sizeof code, "ID.AM-%d", i);
        ck_assert_msg(strstr(h->body, code), "%s missing", code);
    }
    ck_assert_ptr_nonnull(strstr(h->body, "ISO/IEC 27002:2013 8.1.1"));
    ck_assert_ptr_nonnull(strstr(h->body, "Optimised"));
    ck_assert_ptr_null(strstr(h->body, "ID.BE-1"));

    char token[128], f[5][32], v[5][64];
    snprintf(token, sizeof token, "%s", http_csrf(h));
    for (int i = 0; i < 5; i++) {
        char code[16];
        snprintf(code, sizeof code, "ID.AM-%d", i + 1);
        snprintf(f[i], sizeof f[i], "%s", field_of(id, code));
        snprintf(v[i], sizeof v[i], "ver_%s", f[i] + strlen("level_"));
        ck_assert_str_eq(http_input_value(h, v[i]), "0");
    }
    /* save a draft with two answers (the other items are not in this form) */
    ck_assert_int_eq(http_post(h, path, "csrf_token", token, "action", "save", v[0], "0", f[0], "3",
                               v[1], "0", f[1], "1", NULL),
                     303);
    char *state = answers_of(id);
    ck_assert_str_eq(state, "draft:ID.AM-1=3,ID.AM-2=1");
    free(state);

    /* come back later: the draft is there */
    struct http *later = http_new();
    ck_assert_int_eq(http_login(later, ASSESSOR, test_password(ASSESSOR)), 303);
    ck_assert_int_eq(http_get(later, path), 200);
    ck_assert_ptr_nonnull(strstr(later->body, "2 / 5"));
    ck_assert_str_eq(http_input_value(later, v[0]), "1");
    snprintf(token, sizeof token, "%s", http_csrf(later));

    /* incomplete submission: 422, what was typed comes back, nothing stored */
    ck_assert_int_eq(http_post(later, path, "csrf_token", token, "action", "submit", v[0], "1",
                               f[0], "4", v[1], "1", f[1], "1", v[2], "0", f[2], "2", NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(later->body, "answer every item"));
    ck_assert_ptr_nonnull(strstr(later->body, "value=\"4\" selected"));
    state = answers_of(id);
    ck_assert_str_eq(state, "draft:ID.AM-1=3,ID.AM-2=1");
    free(state);

    /* a level off the scale: 422, nothing stored */
    ck_assert_int_eq(
        http_post(later, path, "csrf_token", token, "action", "save", v[0], "1", f[0], "7", NULL),
        422);
    ck_assert_ptr_nonnull(strstr(later->body, "field-error"));
    state = answers_of(id);
    ck_assert_str_eq(state, "draft:ID.AM-1=3,ID.AM-2=1");
    free(state);

    /* not applicable needs a justification */
    char na[64];
    snprintf(na, sizeof na, "na_%s", f[3] + strlen("level_"));
    ck_assert_int_eq(
        http_post(later, path, "csrf_token", token, "action", "save", v[3], "0", na, "1", NULL),
        422);
    ck_assert_ptr_nonnull(strstr(later->body, "Say why this does not apply."));

    /* complete: submitted, read-only afterwards */
    ck_assert_int_eq(http_post(later, path, "csrf_token", token, "action", "submit", v[0], "1",
                               f[0], "3", v[1], "1", f[1], "1", v[2], "0", f[2], "4", v[3], "0",
                               f[3], "2", v[4], "0", f[4], "5", NULL),
                     303);
    state = answers_of(id);
    ck_assert_str_eq(state, "submitted:ID.AM-1=3,ID.AM-2=1,ID.AM-3=4,ID.AM-4=2,ID.AM-5=5");
    free(state);
    ck_assert_int_eq(
        http_post(later, path, "csrf_token", token, "action", "save", v[0], "2", f[0], "0", NULL),
        409);

    /* the parent's reviewer sees it with its score: (3+1+4+2+5)/5 = 3.0 */
    struct http *rev = http_new();
    ck_assert_int_eq(
        http_login(rev, "reviewer@northwind.example", test_password("reviewer@northwind.example")),
        303);
    ck_assert_int_eq(http_get(rev, "/assessments"), 200);
    ck_assert_ptr_nonnull(strstr(rev->body, path));
    ck_assert_int_eq(http_get(rev, path), 200);
    ck_assert_ptr_nonnull(strstr(rev->body, "id=\"score\">3.0<"));
    ck_assert_ptr_nonnull(strstr(rev->body, "Northwind Energy"));
    ck_assert_ptr_null(strstr(rev->body, "name=\"level_"));
    http_free(rev);
    http_free(later);
    http_free(h);
}
END_TEST

START_TEST(other_company_cannot_see_it)
{
    struct http *h = http_new();
    long id = start_assessment(h);
    char path[64], idtext[24];
    snprintf(path, sizeof path, "/assessments/%ld", id);
    snprintf(idtext, sizeof idtext, "%ld", id);

    struct http *other = http_new();
    ck_assert_int_eq(http_login(other, "assessor@logistics.example",
                                test_password("assessor@logistics.example")),
                     303);
    ck_assert_int_eq(http_get(other, path), 404);
    ck_assert_int_eq(http_get(other, "/assessments"), 200);
    ck_assert_ptr_null(strstr(other->body, path));

    /* the same read in SQL, as the portal's role acting for that user: no rows */
    PGconn *db = test_db_app();
    PGconn *owner = test_db_owner();
    char *uid = test_db_value(
        owner, "SELECT id FROM users WHERE email = 'assessor@logistics.example'", 0, NULL);
    PQfinish(owner);
    const char *p[] = {uid};
    free(test_db_value(db, "BEGIN", 0, NULL));
    free(test_db_value(db, "SELECT set_config('app.user_id', $1, true)", 1, p));
    const char *q[] = {idtext};
    ck_assert_int_eq(test_db_long(db, "SELECT count(*) FROM assessments WHERE id = $1", 1, q), 0);
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM assessment_answers "
                                  "WHERE assessment_id = $1",
                                  1, q),
                     0);
    free(uid);
    PQfinish(db);
    http_free(other);
    http_free(h);
}
END_TEST

/* Two assessors of one organisation edit at once: different items are both kept; the
 * same item saved from a stale form is reported (409) and the first save survives. */
START_TEST(concurrent_edits_are_detected_not_lost)
{
    struct http *one = http_new(), *two = http_new();
    ck_assert_int_eq(http_login(one, ASSESSOR, test_password(ASSESSOR)), 303);
    ck_assert_int_eq(http_login(two, ASSESSOR, test_password(ASSESSOR)), 303);
    ck_assert_int_eq(http_get(one, "/assessments"), 200);
    ck_assert_int_eq(http_post(one, "/assessments", "csrf_token", http_session_csrf(one),
                               "category", "PR.AT", NULL),
                     303);
    long id = 0;
    ck_assert_int_eq(sscanf(http_header(one, "Location"), "/assessments/%ld", &id), 1);
    char path[64];
    snprintf(path, sizeof path, "/assessments/%ld", id);
    char f1[32], f2[32], v1[64], v2[64];
    snprintf(f1, sizeof f1, "%s", field_of(id, "PR.AT-1"));
    snprintf(f2, sizeof f2, "%s", field_of(id, "PR.AT-2"));
    snprintf(v1, sizeof v1, "ver_%s", f1 + strlen("level_"));
    snprintf(v2, sizeof v2, "ver_%s", f2 + strlen("level_"));
    ck_assert_int_eq(http_get(one, path), 200);
    ck_assert_int_eq(http_get(two, path), 200);
    char csrf_one[128], csrf_two[128];
    snprintf(csrf_one, sizeof csrf_one, "%s", http_session_csrf(one));
    snprintf(csrf_two, sizeof csrf_two, "%s", http_session_csrf(two));

    ck_assert_int_eq(
        http_post(one, path, "csrf_token", csrf_one, "action", "save", v1, "0", f1, "2", NULL),
        303);
    ck_assert_int_eq(
        http_post(two, path, "csrf_token", csrf_two, "action", "save", v2, "0", f2, "3", NULL),
        303);
    char *state = answers_of(id);
    ck_assert_str_eq(state, "draft:PR.AT-1=2,PR.AT-2=3");
    free(state);
    /* the second assessor's form still says version 0 for the first item */
    ck_assert_int_eq(
        http_post(two, path, "csrf_token", csrf_two, "action", "save", v1, "0", f1, "4", NULL),
        409);
    ck_assert_ptr_nonnull(strstr(two->body, "A colleague saved some of these items"));
    ck_assert_ptr_nonnull(strstr(two->body, "value=\"2\" selected"));
    state = answers_of(id);
    ck_assert_str_eq(state, "draft:PR.AT-1=2,PR.AT-2=3");
    free(state);
    /* with the stored version the change goes through */
    ck_assert_str_eq(http_input_value(two, v1), "1");
    ck_assert_int_eq(
        http_post(two, path, "csrf_token", csrf_two, "action", "save", v1, "1", f1, "4", NULL),
        303);
    state = answers_of(id);
    ck_assert_str_eq(state, "draft:PR.AT-1=4,PR.AT-2=3");
    free(state);
    http_free(two);
    http_free(one);
}
END_TEST

static Suite *assessment_suite(void)
{
    Suite *s = suite_create("assessment");
    TCase *tc = tcase_create("path");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, draft_resume_submit_and_review);
    tcase_add_test(tc, other_company_cannot_see_it);
    tcase_add_test(tc, concurrent_edits_are_detected_not_lost);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(assessment_suite)
