/* test_campaign.c - the self-assessment programme end to end, through nginx, the portal,
 * the forwarder and a real SMTP sink: the parent builds a questionnaire and sends a
 * campaign to a supplier that has no account -> the invitation mail arrives -> the supplier
 * sets a password (three steps to the questionnaire), answers, attaches evidence (an
 * over-limit file is refused), submits -> the reviewer returns one item -> the supplier
 * fixes it -> accepted -> the heatmap and the supplier's radar show the scores -> a second
 * cycle starts pre-filled. Another organisation gets 404 for all of it. */
#include "testlib.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ADMIN "admin@northwind.example"
#define REVIEWER "reviewer@northwind.example"
#define SUPPLIER "Bolt Security Ltd"
#define INVITEE "ciso@bolt.example"

static long category_id(PGconn *db, const char *code)
{
    const char *p[] = {code};
    return test_db_long(db, "SELECT id FROM catalogue_categories WHERE code = $1", 1, p);
}

/* The questionnaire items of an assessment: "id code type" per line. */
static PGresult *items_of(PGconn *db, long assessment)
{
    char a[24];
    snprintf(a, sizeof a, "%ld", assessment);
    const char *p[] = {a};
    PGresult *res = PQexecParams(db,
                                 "SELECT qi.id, coalesce(s.code, 'Q' || qi.position), "
                                 "qi.answer_type FROM questionnaire_items qi "
                                 "LEFT JOIN catalogue_subcategories s ON s.id = qi.subcategory_id "
                                 "WHERE qi.questionnaire_id = (SELECT questionnaire_id "
                                 "FROM assessments WHERE id = $1::bigint) ORDER BY qi.position",
                                 1, NULL, p, NULL, NULL, 0);
    ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
    return res;
}

/* The answer form of items: a level per item (code starts with the prefix of levels[k]). */
static void answer(struct http *h, long assessment, const char *action, int level_am, int level_at,
                   const char *only_code)
{
    PGconn *db = test_db_owner();
    PGresult *items = items_of(db, assessment);
    char path[64];
    snprintf(path, sizeof path, "/assessments/%ld", assessment);
    ck_assert_int_eq(http_get(h, path), 200);
    struct http_form f = {0};
    http_form_add(&f, "csrf_token", http_session_csrf(h));
    http_form_add(&f, "action", action);
    for (int i = 0; i < PQntuples(items); i++) {
        const char *id = PQgetvalue(items, i, 0), *code = PQgetvalue(items, i, 1);
        if (only_code && strcmp(code, only_code) != 0)
            continue;
        char name[64], level[8];
        snprintf(name, sizeof name, "ver_%s", id);
        const char *ver = http_input_value(h, name);
        ck_assert_msg(ver != NULL, "item %s is not editable", code);
        http_form_add(&f, name, ver);
        if (strcmp(PQgetvalue(items, i, 2), "maturity") == 0) {
            snprintf(name, sizeof name, "level_%s", id);
            snprintf(level, sizeof level, "%d",
                     strncmp(code, "ID.AM", 5) == 0 ? level_am : level_at);
            http_form_add(&f, name, level);
        } else {
            snprintf(name, sizeof name, "value_%s", id);
            http_form_add(&f, name, "yes");
        }
    }
    PQclear(items);
    PQfinish(db);
    ck_assert_int_eq(http_form_post(h, path, &f), 303);
}

START_TEST(campaign_to_a_supplier_without_account)
{
    PGconn *db = test_db_owner();
    long bolt = test_org_id(db, SUPPLIER);
    char cat_am[32], cat_at[32], org_field[32], email_field[32];
    snprintf(cat_am, sizeof cat_am, "cat_%ld", category_id(db, "ID.AM"));
    snprintf(cat_at, sizeof cat_at, "cat_%ld", category_id(db, "PR.AT"));
    snprintf(org_field, sizeof org_field, "org_%ld", bolt);
    snprintf(email_field, sizeof email_field, "email_%ld", bolt);

    /* the parent builds a questionnaire: two categories and a question of its own */
    struct http *admin = http_new();
    ck_assert_int_eq(http_login(admin, ADMIN, test_password(ADMIN)), 303);
    ck_assert_int_eq(http_get(admin, "/questionnaires/new"), 200);
    struct http_form f = {0};
    http_form_add(&f, "csrf_token", http_session_csrf(admin));
    http_form_add(&f, "title", "Supplier security 2026");
    http_form_add(&f, "target", "4");
    http_form_add(&f, cat_am, "1");
    http_form_add(&f, cat_at, "1");
    http_form_add(&f, "q1_text", "Do you hold an ISO/IEC 27001 certificate?");
    http_form_add(&f, "q1_type", "yesno");
    ck_assert_int_eq(http_form_post(admin, "/questionnaires", &f), 303);
    long questionnaire = 0;
    ck_assert_int_eq(
        sscanf(http_header(admin, "Location"), "/campaigns/new?questionnaire=%ld", &questionnaire),
        1);
    char qtext[24];
    snprintf(qtext, sizeof qtext, "%ld", questionnaire);

    /* a supplier with no one to answer needs an invitation: 422, nothing stored */
    long campaigns_before = test_db_long(db, "SELECT count(*) FROM campaigns", 0, NULL);
    ck_assert_int_eq(http_get(admin, "/campaigns/new"), 200);
    http_form_add(&f, "csrf_token", http_session_csrf(admin));
    http_form_add(&f, "title", "Supplier assessment");
    http_form_add(&f, "questionnaire_id", qtext);
    http_form_add(&f, "due_date", "2030-06-30");
    http_form_add(&f, "recurrence", "yearly");
    http_form_add(&f, org_field, "1");
    ck_assert_int_eq(http_form_post(admin, "/campaigns", &f), 422);
    ck_assert_ptr_nonnull(strstr(admin->body, "enter an e-mail address to invite"));
    ck_assert_ptr_nonnull(strstr(admin->body, "value=\"Supplier assessment\""));
    ck_assert_int_eq(test_db_long(db, "SELECT count(*) FROM campaigns", 0, NULL), campaigns_before);

    http_form_add(&f, "csrf_token", http_session_csrf(admin));
    http_form_add(&f, "title", "Supplier assessment");
    http_form_add(&f, "questionnaire_id", qtext);
    http_form_add(&f, "due_date", "2030-06-30");
    http_form_add(&f, "recurrence", "yearly");
    http_form_add(&f, org_field, "1");
    http_form_add(&f, email_field, INVITEE);
    ck_assert_int_eq(http_form_post(admin, "/campaigns", &f), 303);
    long campaign = 0;
    ck_assert_int_eq(sscanf(http_header(admin, "Location"), "/campaigns/%ld", &campaign), 1);
    /* the campaign's page confirms what was saved, by its title (issue 10, defect 8) */
    ck_assert_int_eq(http_get(admin, http_header(admin, "Location")), 200);
    const char *saved = strstr(admin->body, "role=\"status\"");
    ck_assert_ptr_nonnull(saved);
    const char *named = strstr(saved, "Supplier assessment");
    ck_assert_msg(named && named < strstr(saved, "</div>"),
                  "no confirmation names the campaign: %.200s", saved);

    /* the supplier: link -> password -> questionnaire */
    const char *token = test_invitation_token(INVITEE);
    /* once the mail is out, the outbox keeps no usable link */
    ck_assert_msg(
        test_wait_for("SELECT bool_and(state = 'delivered') FROM outbox WHERE address = '" INVITEE
                      "' AND kind = 'mail.invitation'",
                      20),
        "the invitation was not marked delivered");
    const char *tp[] = {INVITEE, token};
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM outbox WHERE address = $1 "
                                  "  AND strpos(payload::text, $2) > 0",
                                  2, tp),
                     0);
    char link[256];
    snprintf(link, sizeof link, "/invite?token=%s", token);
    struct http *supplier = http_new();
    ck_assert_int_eq(http_get(supplier, link), 200);
    ck_assert_ptr_nonnull(strstr(supplier->body, SUPPLIER));
    char csrf[128];
    snprintf(csrf, sizeof csrf, "%s", http_csrf_of(supplier, "/invite"));
    ck_assert_int_eq(http_post(supplier, "/invite", "csrf_token", csrf, "token", token,
                               "display_name", "Carla Ciso", "password", "short", "password_again",
                               "short", NULL),
                     422);
    ck_assert_int_eq(http_post(supplier, "/invite", "csrf_token", csrf, "token", token,
                               "display_name", "Carla Ciso", "password", "a long passphrase 1",
                               "password_again", "a long passphrase 1", NULL),
                     303);
    long assessment = 0;
    ck_assert_int_eq(sscanf(http_header(supplier, "Location"), "/assessments/%ld", &assessment), 1);
    struct http *again = http_new();
    ck_assert_int_eq(http_get(again, link), 404); /* used once */
    http_free(again);

    /* answers and evidence; an over-limit file is refused with a message */
    char path[64];
    snprintf(path, sizeof path, "/assessments/%ld", assessment);
    answer(supplier, assessment, "save", 3, 2, NULL);
    PGresult *items = items_of(db, assessment);
    char file_field[32], ver_field[32];
    snprintf(file_field, sizeof file_field, "file_%s", PQgetvalue(items, 0, 0));
    snprintf(ver_field, sizeof ver_field, "ver_%s", PQgetvalue(items, 0, 0));
    PQclear(items);
    ck_assert_int_eq(http_get(supplier, path), 200);
    char ver[16];
    snprintf(ver, sizeof ver, "%s", http_input_value(supplier, ver_field));
    char *big = calloc(1, 70000);
    ck_assert_int_eq(http_post_multipart(supplier, path, file_field, "inventory.pdf", big, 70000,
                                         "csrf_token", http_session_csrf(supplier), "action",
                                         "save", ver_field, ver, NULL),
                     422);
    free(big);
    ck_assert_ptr_nonnull(strstr(supplier->body, "larger than the portal accepts"));
    ck_assert_int_eq(http_post_multipart(supplier, path, file_field, "run.exe", "MZ", 2,
                                         "csrf_token", http_session_csrf(supplier), "action",
                                         "save", ver_field, ver, NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(supplier->body, "not accepted"));
    char assessment_id[24];
    snprintf(assessment_id, sizeof assessment_id, "%ld", assessment);
    const char *of_assessment[] = {assessment_id};
    /* of this assessment: other test programs keep evidence of their own in the database */
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM evidence_files "
                                  "WHERE assessment_id = $1::bigint",
                                  1, of_assessment),
                     0);
    const char pdf[] = "%PDF-1.4 asset inventory";
    ck_assert_int_eq(http_post_multipart(supplier, path, file_field, "inventory.pdf", pdf,
                                         sizeof pdf - 1, "csrf_token", http_session_csrf(supplier),
                                         "action", "save", ver_field, ver, NULL),
                     303);
    long evidence =
        test_db_long(db, "SELECT max(id) FROM evidence_files WHERE assessment_id = $1::bigint", 1,
                     of_assessment);
    char evidence_path[48];
    snprintf(evidence_path, sizeof evidence_path, "/evidence/%ld", evidence);
    ck_assert_int_eq(http_get(supplier, evidence_path), 200);
    ck_assert_ptr_nonnull(strstr(http_header(supplier, "Content-Disposition"), "attachment"));
    ck_assert_str_eq(supplier->body, pdf);
    answer(supplier, assessment, "submit", 3, 2, NULL);

    /* the reviewer returns one item; only it reopens */
    struct http *reviewer = http_new();
    ck_assert_int_eq(http_login(reviewer, REVIEWER, test_password(REVIEWER)), 303);
    ck_assert_int_eq(http_get(reviewer, path), 200);
    ck_assert_ptr_nonnull(strstr(reviewer->body, "inventory.pdf"));
    /* the parent's reviewer reads who submitted it (issue 10, defect 4: "submitted by , ") */
    ck_assert_msg(strstr(reviewer->body, "submitted by Carla Ciso, ") != NULL,
                  "no submitter's name in %.300s", strstr(reviewer->body, "submitted by"));
    items = items_of(db, assessment);
    char return_field[32], comment_field[32];
    snprintf(return_field, sizeof return_field, "return_%s", PQgetvalue(items, 1, 0));
    snprintf(comment_field, sizeof comment_field, "comment_%s", PQgetvalue(items, 1, 0));
    char returned_code[32];
    snprintf(returned_code, sizeof returned_code, "%s", PQgetvalue(items, 1, 1));
    PQclear(items);
    snprintf(csrf, sizeof csrf, "%s", http_session_csrf(reviewer));
    char review_path[80];
    snprintf(review_path, sizeof review_path, "%s/review", path);
    ck_assert_int_eq(http_post(reviewer, review_path, "csrf_token", csrf, "action", "return",
                               return_field, "1", NULL),
                     422); /* a returned item needs a comment */
    ck_assert_int_eq(http_post(reviewer, review_path, "csrf_token", csrf, "action", "return",
                               return_field, "1", comment_field,
                               "Which tool keeps the software inventory?", NULL),
                     303);
    ck_assert_int_eq(http_get(supplier, path), 200);
    ck_assert_ptr_nonnull(strstr(supplier->body, "Which tool keeps the software inventory?"));
    char closed[64];
    snprintf(closed, sizeof closed, "name=\"%s\"", ver_field);
    ck_assert_ptr_null(strstr(supplier->body, closed)); /* the first item is closed now */
    answer(supplier, assessment, "submit", 4, 2, returned_code);
    ck_assert_int_eq(http_post(reviewer, review_path, "csrf_token", csrf, "action", "accept", NULL),
                     303);
    char a[24];
    snprintf(a, sizeof a, "%ld", assessment);
    const char *ap[] = {a};
    char *status = test_db_value(db, "SELECT status FROM assessments WHERE id = $1", 1, ap);
    ck_assert_str_eq(status, "accepted");
    free(status);
    /* every version stays in the history: the returned item has two */
    ck_assert_int_ge(test_db_long(db,
                                  "SELECT max(n) FROM (SELECT count(*) n FROM answer_history "
                                  "WHERE assessment_id = $1 GROUP BY item_id) x",
                                  1, ap),
                     2);

    /* the heatmap: Identify = ID.AM (3,4,3,3,3 -> 3.2), Protect = PR.AT (2,2 -> 2.0) */
    ck_assert_int_eq(http_get(reviewer, "/dashboard"), 200);
    const char *row = strstr(reviewer->body, SUPPLIER);
    ck_assert_ptr_nonnull(row);
    ck_assert_ptr_nonnull(strstr(row, "3.2"));
    ck_assert_ptr_nonnull(strstr(row, "2.0"));
    /* the supplier's radar */
    char scores[64];
    snprintf(scores, sizeof scores, "/organisations/%ld/scores", bolt);
    ck_assert_int_eq(http_get(supplier, scores), 200);
    ck_assert_ptr_nonnull(strstr(supplier->body, "chart-radar"));
    ck_assert_ptr_nonnull(strstr(supplier->body, "Current"));

    /* the next cycle starts pre-filled, answers marked as carried over */
    char next[64];
    snprintf(next, sizeof next, "/campaigns/%ld", campaign);
    ck_assert_int_eq(http_get(admin, next), 200);
    ck_assert_ptr_nonnull(strstr(admin->body, SUPPLIER));
    snprintf(next, sizeof next, "/campaigns/%ld/next", campaign);
    ck_assert_ptr_nonnull(strstr(admin->body, next));
    ck_assert_int_eq(http_post(admin, next, "csrf_token", http_session_csrf(admin), NULL), 303);
    char c[24];
    snprintf(c, sizeof c, "%ld", campaign);
    const char *cp[] = {c};
    long second = test_db_long(db,
                               "SELECT a.id FROM assessments a JOIN campaigns n "
                               "ON n.id = a.campaign_id WHERE n.previous_id = $1",
                               1, cp);
    ck_assert_int_gt(second, 0);
    char s2[24];
    snprintf(s2, sizeof s2, "%ld", second);
    const char *sp[] = {s2, a};
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM assessment_answers n "
                                  "JOIN assessment_answers o ON o.item_id = n.item_id "
                                  "AND o.assessment_id = $2 WHERE n.assessment_id = $1 "
                                  "AND n.carried_over AND n.level IS NOT DISTINCT FROM o.level",
                                  2, sp),
                     8);
    snprintf(path, sizeof path, "/assessments/%ld", second);
    ck_assert_int_eq(http_get(supplier, path), 200);
    ck_assert_ptr_nonnull(strstr(supplier->body, "Carried over from the previous cycle"));

    /* another organisation sees none of it */
    struct http *other = http_new();
    ck_assert_int_eq(
        http_login(other, "assessor@energy.example", test_password("assessor@energy.example")),
        303);
    snprintf(path, sizeof path, "/assessments/%ld", assessment);
    ck_assert_int_eq(http_get(other, path), 404);
    ck_assert_int_eq(http_get(other, evidence_path), 404);
    ck_assert_int_eq(http_get(other, scores), 404);
    http_free(other);
    http_free(reviewer);
    http_free(supplier);
    http_free(admin);
    PQfinish(db);
}
END_TEST

/* A questionnaire of the whole Detect function has its three categories' 16 outcomes; one
 * of the whole framework has all 88, and Annex B adds the 13 management items. */
START_TEST(questionnaire_of_whole_functions)
{
    PGconn *db = test_db_owner();
    struct http *admin = http_new();
    ck_assert_int_eq(http_login(admin, ADMIN, test_password(ADMIN)), 303);
    ck_assert_int_eq(http_get(admin, "/questionnaires/new"), 200);
    ck_assert_int_eq(http_post(admin, "/questionnaires", "csrf_token", http_session_csrf(admin),
                               "title", "Detect only", "target", "3", "fn_DE", "1", NULL),
                     303);
    long q = 0;
    ck_assert_int_eq(sscanf(http_header(admin, "Location"), "/campaigns/new?questionnaire=%ld", &q),
                     1);
    char qid[24];
    snprintf(qid, sizeof qid, "%ld", q);
    const char *p[] = {qid};
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM questionnaire_items "
                                  "WHERE questionnaire_id = $1",
                                  1, p),
                     16);
    ck_assert_int_eq(http_get(admin, "/questionnaires/new"), 200);
    ck_assert_int_eq(http_post(admin, "/questionnaires", "csrf_token", http_session_csrf(admin),
                               "title", "Everything", "target", "3", "whole", "1", "annex_b", "1",
                               NULL),
                     303);
    ck_assert_int_eq(sscanf(http_header(admin, "Location"), "/campaigns/new?questionnaire=%ld", &q),
                     1);
    snprintf(qid, sizeof qid, "%ld", q);
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM questionnaire_items "
                                  "WHERE questionnaire_id = $1",
                                  1, p),
                     101);
    /* nothing chosen: 422, nothing stored */
    long before = test_db_long(db, "SELECT count(*) FROM questionnaires", 0, NULL);
    ck_assert_int_eq(http_get(admin, "/questionnaires/new"), 200);
    ck_assert_int_eq(http_post(admin, "/questionnaires", "csrf_token", http_session_csrf(admin),
                               "title", "Empty", "target", "3", NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(admin->body, "value=\"Empty\""));
    ck_assert_int_eq(test_db_long(db, "SELECT count(*) FROM questionnaires", 0, NULL), before);
    http_free(admin);
    PQfinish(db);
}
END_TEST

static Suite *campaign_suite(void)
{
    Suite *s = suite_create("campaign");
    TCase *tc = tcase_create("path");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, campaign_to_a_supplier_without_account);
    tcase_add_test(tc, questionnaire_of_whole_functions);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(campaign_suite)
