/* test_builder.c - the questionnaire builder takes any number of questions of one's own
 * (issue 10, defect 8: exactly five slots): "Add another question" and "Remove" re-render
 * the form with what was typed, up to a maximum the page names; seven questions are stored
 * in their order with their types and choices; an invalid one comes back beside its field
 * with the input kept (422); and the page after creating says what was saved. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ADMIN "admin@northwind.example"
#define QUESTIONS_MAX 50 /* the builder's maximum, as the page says it */

static const char *const texts[] = {
    "Do you hold an ISO/IEC 27001 certificate?",
    "How often are backups tested?",
    "Describe your incident contacts.",
    "Net change of security staff this year?",
    "Is multi-factor sign-in enforced?",
    "Which cloud regions hold our data?",
    "Seventh: who is your data protection officer?",
};
static const char *const types[] = {"yesno", "choice", "text", "number", "yesno", "text", "text"};
static const char *const choices[] = {"", "Daily, Weekly, Monthly", "", "", "", "", ""};

/* The builder's form with title and the first n of the questions above from slot 1, the
 * count of slots, and action ("add", "remove_K", "create" or NULL for none). */
static void builder_form(struct http *h, struct http_form *f, const char *title, int n, int slots,
                         const char *action)
{
    http_form_add(f, "csrf_token", http_session_csrf(h));
    http_form_add(f, "title", title);
    http_form_add(f, "target", "3");
    char name[32], count[16];
    snprintf(count, sizeof count, "%d", slots);
    http_form_add(f, "questions", count);
    for (int i = 1; i <= slots; i++) {
        int k = i - 1;
        snprintf(name, sizeof name, "q%d_text", i);
        http_form_add(f, name, i <= n ? texts[k % 7] : "");
        snprintf(name, sizeof name, "q%d_type", i);
        http_form_add(f, name, i <= n ? types[k % 7] : "");
        snprintf(name, sizeof name, "q%d_choices", i);
        http_form_add(f, name, i <= n ? choices[k % 7] : "");
    }
    if (action)
        http_form_add(f, "action", action);
}

/* 1 when the last page has an input named name whose value is value. */
static int has_value(struct http *h, const char *name, const char *value)
{
    const char *v = http_input_value(h, name);
    return v && strcmp(v, value) == 0;
}

START_TEST(add_and_remove_keep_what_was_typed)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, ADMIN, test_password(ADMIN)), 303);
    ck_assert_int_eq(http_get(h, "/questionnaires/new"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "name=\"action\" value=\"add\""));
    ck_assert_ptr_nonnull(strstr(h->body, "Add another question"));

    /* three typed, "Add another question": a fourth, empty slot; the three kept */
    struct http_form f = {0};
    builder_form(h, &f, "Kept while adding", 3, 3, "add");
    ck_assert_int_eq(http_form_post(h, "/questionnaires", &f), 200);
    ck_assert(has_value(h, "title", "Kept while adding"));
    ck_assert(has_value(h, "questions", "4"));
    for (int i = 1; i <= 3; i++) {
        char name[32];
        snprintf(name, sizeof name, "q%d_text", i);
        ck_assert_msg(has_value(h, name, texts[i - 1]), "%s not kept", name);
    }
    ck_assert(has_value(h, "q2_choices", choices[1]));
    ck_assert_ptr_nonnull(strstr(h->body, "<option value=\"choice\" selected"));
    ck_assert(has_value(h, "q4_text", ""));
    ck_assert_ptr_null(strstr(h->body, "Form.Errors"));
    ck_assert_ptr_null(strstr(h->body, "class=\"field-error\""));

    /* "Remove" on the second of four: the third and fourth move up, the rest kept */
    builder_form(h, &f, "Kept while removing", 4, 4, "remove_2");
    ck_assert_int_eq(http_form_post(h, "/questionnaires", &f), 200);
    ck_assert(has_value(h, "questions", "3"));
    ck_assert(has_value(h, "q1_text", texts[0]));
    ck_assert(has_value(h, "q2_text", texts[2]));
    ck_assert(has_value(h, "q3_text", texts[3]));
    ck_assert(has_value(h, "q2_choices", ""));
    ck_assert_ptr_null(http_input_value(h, "q4_text"));
    ck_assert_ptr_nonnull(strstr(h->body, "name=\"action\" value=\"remove_3\""));
    http_free(h);
}
END_TEST

START_TEST(seven_questions_stored_in_order)
{
    PGconn *db = test_db_owner();
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, ADMIN, test_password(ADMIN)), 303);
    ck_assert_int_eq(http_get(h, "/questionnaires/new"), 200);

    /* an invalid question comes back beside its field, everything typed kept */
    struct http_form f = {0};
    builder_form(h, &f, "Seven of our own", 7, 8, "create");
    http_form_add(&f, "q8_text", "Pick one of a single choice");
    http_form_add(&f, "q8_type", "choice");
    http_form_add(&f, "q8_choices", "only");
    long before = test_db_long(db, "SELECT count(*) FROM questionnaires", 0, NULL);
    ck_assert_int_eq(http_form_post(h, "/questionnaires", &f), 422);
    ck_assert_int_eq(test_db_long(db, "SELECT count(*) FROM questionnaires", 0, NULL), before);
    ck_assert(has_value(h, "q7_text", texts[6]));
    ck_assert(has_value(h, "q8_choices", "only"));
    const char *field = strstr(h->body, "id=\"q8_choices\"");
    ck_assert_ptr_nonnull(field);
    const char *error = strstr(h->body, "id=\"err-q8_choices\"");
    ck_assert_msg(error && error > field && error - field < 600,
                  "the error is not beside q8_choices");

    builder_form(h, &f, "Seven of our own", 7, 7, "create");
    ck_assert_int_eq(http_form_post(h, "/questionnaires", &f), 303);
    long id = 0;
    const char *where = http_header(h, "Location");
    ck_assert_int_eq(sscanf(where, "/campaigns/new?questionnaire=%ld", &id), 1);
    ck_assert_ptr_nonnull(strstr(where, "saved=questionnaire"));
    char qid[24];
    snprintf(qid, sizeof qid, "%ld", id);
    const char *p[] = {qid};
    PGresult *res = PQexecParams(db,
                                 "SELECT question, answer_type, array_to_string(choices, '|') "
                                 "FROM questionnaire_items WHERE questionnaire_id = $1::bigint "
                                 "AND kind = 'custom' ORDER BY position",
                                 1, NULL, p, NULL, NULL, 0);
    ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
    ck_assert_int_eq(PQntuples(res), 7);
    for (int i = 0; i < 7; i++) {
        ck_assert_str_eq(PQgetvalue(res, i, 0), texts[i]);
        ck_assert_str_eq(PQgetvalue(res, i, 1), types[i]);
    }
    ck_assert_str_eq(PQgetvalue(res, 1, 2), "Daily|Weekly|Monthly");
    PQclear(res);

    /* the next page confirms what was saved, by its title */
    ck_assert_int_eq(http_get(h, where), 200);
    const char *status = strstr(h->body, "role=\"status\"");
    ck_assert_ptr_nonnull(status);
    const char *end = strstr(status, "</div>");
    const char *title = strstr(status, "Seven of our own");
    ck_assert_msg(title && end && title < end, "the confirmation does not name it: %.300s", status);
    http_free(h);
    PQfinish(db);
}
END_TEST

START_TEST(a_maximum_with_a_clear_message)
{
    PGconn *db = test_db_owner();
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, ADMIN, test_password(ADMIN)), 303);
    ck_assert_int_eq(http_get(h, "/questionnaires/new"), 200);

    /* at the maximum, adding one more is refused, the questions kept */
    struct http_form f = {0};
    builder_form(h, &f, "As many as allowed", 7, QUESTIONS_MAX, "add");
    ck_assert_int_eq(http_form_post(h, "/questionnaires", &f), 422);
    ck_assert_ptr_nonnull(strstr(h->body, "at most 50 questions of its own"));
    ck_assert(has_value(h, "questions", "50"));
    ck_assert(has_value(h, "q7_text", texts[6]));
    ck_assert_ptr_null(http_input_value(h, "q51_text"));

    /* more than the maximum is not stored */
    long before = test_db_long(db, "SELECT count(*) FROM questionnaires", 0, NULL);
    builder_form(h, &f, "Too many", QUESTIONS_MAX + 1, QUESTIONS_MAX + 1, "create");
    ck_assert_int_eq(http_form_post(h, "/questionnaires", &f), 422);
    ck_assert_ptr_nonnull(strstr(h->body, "at most 50 questions of its own"));
    ck_assert_int_eq(test_db_long(db, "SELECT count(*) FROM questionnaires", 0, NULL), before);

    /* exactly the maximum is stored */
    builder_form(h, &f, "Fifty of our own", QUESTIONS_MAX, QUESTIONS_MAX, NULL);
    ck_assert_int_eq(http_form_post(h, "/questionnaires", &f), 303);
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM questionnaire_items WHERE kind = 'custom' "
                                  "AND questionnaire_id = (SELECT max(id) FROM questionnaires)",
                                  0, NULL),
                     QUESTIONS_MAX);
    http_free(h);
    PQfinish(db);
}
END_TEST

static Suite *builder_suite(void)
{
    Suite *s = suite_create("builder");
    TCase *tc = tcase_create("own_questions");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, add_and_remove_keep_what_was_typed);
    tcase_add_test(tc, seven_questions_stored_in_order);
    tcase_add_test(tc, a_maximum_with_a_clear_message);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(builder_suite)
