/* test_utf8_names.c - names that are long in bytes though within their limit in
 * characters (64 x "Ж", an emoji) pass through every buffer whole: the user reports an
 * incident (the timeline records the name), exports an assessment as JSON, and their
 * name is shown whole. Fixed-size buffers used to cut such a name in the middle of a
 * character, and PostgreSQL then refused every action of that user. */
#include "testlib.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char long_name[64 * 2 + 5];

/* Gives the user called email the display name name; returns the previous one
 * (malloc'd). */
static char *set_name(const char *email, const char *name)
{
    PGconn *db = test_db_owner();
    const char *e[] = {email}, *p[] = {name, email};
    char *before = test_db_value(db, "SELECT display_name FROM users WHERE email = $1", 1, e);
    free(test_db_value(db, "UPDATE users SET display_name = $1 WHERE email = $2 RETURNING id", 2,
                       p));
    PQfinish(db);
    return before;
}

static void name_setup(void)
{
    long_name[0] = '\0';
    for (int i = 0; i < 64; i++)
        strcat(long_name, "\xd0\x96");     /* Ж */
    strcat(long_name, "\xf0\x9f\x98\x80"); /* 😀: 65 characters, 132 bytes */
}

START_TEST(long_utf8_name_reports_an_incident)
{
    char *before = set_name("reporter@energy.example", long_name);
    struct http *h = http_new();
    ck_assert_int_eq(
        http_login(h, "reporter@energy.example", test_password("reporter@energy.example")), 303);
    ck_assert_int_eq(http_get(h, "/incidents/new"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, long_name));
    char token[128];
    snprintf(token, sizeof token, "%s", http_session_csrf(h));
    ck_assert_int_eq(http_post(h, "/incidents", "csrf_token", token, "title",
                               "UTF-8 name test incident", "detected_at", "2026-01-15T08:30",
                               "description", "Reported by a user with a long name.", "category",
                               "malware", "severity", "warning", "tlp", "amber", NULL),
                     303);
    const char *location = http_header(h, "Location");
    ck_assert_ptr_nonnull(location);
    char path[256];
    snprintf(path, sizeof path, "%s",
             location +
                 (strncmp(location, "http", 4) == 0 ? strlen(test_env("TEST_BASE_URL")) : 0));
    ck_assert_int_eq(http_get(h, path), 200);
    ck_assert_ptr_nonnull(strstr(h->body, long_name));
    PGconn *db = test_db_owner();
    const char *p[] = {long_name};
    ck_assert_int_ge(test_db_long(db, "SELECT count(*) FROM timeline WHERE who = $1", 1, p), 1);
    PQfinish(db);
    http_free(h);
    free(set_name("reporter@energy.example", before));
    free(before);
}
END_TEST

START_TEST(long_utf8_name_exports_json)
{
    char *before = set_name("assessor@energy.example", long_name);
    struct http *h = http_new();
    ck_assert_int_eq(
        http_login(h, "assessor@energy.example", test_password("assessor@energy.example")), 303);
    ck_assert_int_eq(http_get(h, "/assessments"), 200);
    char token[128];
    snprintf(token, sizeof token, "%s", http_csrf_of(h, "/assessments"));
    ck_assert_int_eq(http_post(h, "/assessments", "csrf_token", token, "category", "ID.AM", NULL),
                     303);
    const char *loc = http_header(h, "Location");
    ck_assert_ptr_nonnull(loc);
    long id = strtol(strstr(loc, "/assessments/") + 13, NULL, 10);
    ck_assert_int_gt(id, 0);
    char path[128];
    snprintf(path, sizeof path, "/assessments/%ld/export.json", id);
    ck_assert_int_eq(http_get(h, path), 200);
    json_error_t err;
    json_t *doc = json_loads(h->body, 0, &err);
    ck_assert_msg(doc != NULL, "export.json is not JSON: %s", err.text);
    json_decref(doc);
    ck_assert_int_eq(http_get(h, "/"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, long_name));
    http_free(h);
    free(set_name("assessor@energy.example", before));
    free(before);
}
END_TEST

static Suite *utf8_names_suite(void)
{
    Suite *s = suite_create("utf8_names");
    TCase *t = tcase_create("names");
    tcase_add_unchecked_fixture(t, name_setup, NULL);
    tcase_set_timeout(t, 30);
    tcase_add_test(t, long_utf8_name_reports_an_incident);
    tcase_add_test(t, long_utf8_name_exports_json);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(utf8_names_suite)
