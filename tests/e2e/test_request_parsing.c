/* test_request_parsing.c - request bodies as clients send them, through nginx: a multipart
 * body without a boundary is refused (it used to crash the worker inside ClearSilver), a
 * form whose content type carries a charset or is in upper case is read, a NUL byte in a
 * multipart text field is refused, and a CSRF token in the query string is not accepted. */
#include "testlib.h"

#include <stdio.h>
#include <string.h>

#define BODY(lit) lit, sizeof(lit) - 1

START_TEST(multipart_without_boundary_is_400)
{
    struct http *h = http_new();
    /* every worker first parses a multipart body with a boundary, then one without */
    for (int i = 0; i < 16; i++) {
        ck_assert_int_eq(http_post_raw(h, "/login", "multipart/form-data; boundary=abc",
                                       BODY("--abc\r\nContent-Disposition: form-data; "
                                            "name=\"email\"\r\n\r\nx\r\n--abc--\r\n")),
                         403);
        ck_assert_int_eq(http_post_raw(h, "/login", "multipart/form-data", BODY("x=1\r\n")), 400);
        ck_assert_int_eq(http_post_raw(h, "/login", "multipart/form-data; boundary=", BODY("x=1")),
                         400);
    }
    ck_assert_int_eq(http_get(h, "/healthz"), 200);
    http_free(h);
}
END_TEST

/* A sign-in posted with content type ct answers 303 (read) rather than 403 (token not
 * found, "form expired"). */
static void login_with_content_type(const char *ct)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_get(h, "/login"), 200);
    char body[512];
    int n =
        snprintf(body, sizeof body, "csrf_token=%s&email=%s&password=%s", http_csrf_of(h, "/login"),
                 "assessor%40energy.example", test_password("assessor@energy.example"));
    ck_assert_msg(http_post_raw(h, "/login", ct, body, (size_t)n) == 303, "%s: status %ld", ct,
                  h->status);
    http_free(h);
}

START_TEST(form_with_charset_or_upper_case_is_read)
{
    login_with_content_type("application/x-www-form-urlencoded; charset=utf-8");
    login_with_content_type("APPLICATION/X-WWW-FORM-URLENCODED");
}
END_TEST

START_TEST(nul_in_multipart_text_field_is_400)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_get(h, "/login"), 200);
    char body[1024];
    int n = snprintf(body, sizeof body,
                     "--B1\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n%s\r\n"
                     "--B1\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nab",
                     http_csrf_of(h, "/login"));
    memcpy(body + n, "\0cd\r\n--B1--\r\n", 13);
    n += 13;
    ck_assert_int_eq(
        http_post_raw(h, "/login", "multipart/form-data; boundary=B1", body, (size_t)n), 400);
    http_free(h);
}
END_TEST

START_TEST(csrf_token_in_query_string_is_refused)
{
    struct http *h = http_new();
    ck_assert_int_eq(
        http_login(h, "assessor@energy.example", test_password("assessor@energy.example")), 303);
    ck_assert_int_eq(http_get(h, "/"), 200);
    char token[128], path[256];
    snprintf(token, sizeof token, "%s", http_session_csrf(h));
    ck_assert_uint_gt(strlen(token), 0);
    snprintf(path, sizeof path, "/logout?csrf_token=%s", token);
    ck_assert_int_eq(http_post_raw(h, path, "application/x-www-form-urlencoded", BODY("")), 403);
    ck_assert_int_eq(http_post(h, path, "csrf_token", token, NULL), 403);
    ck_assert_int_eq(http_get(h, "/"), 200); /* still signed in */
    ck_assert_int_eq(http_post(h, "/logout", "csrf_token", token, NULL), 303);
    http_free(h);
}
END_TEST

static Suite *request_parsing_suite(void)
{
    Suite *s = suite_create("request_parsing");
    TCase *t = tcase_create("parsing");
    tcase_set_timeout(t, 30);
    tcase_add_test(t, multipart_without_boundary_is_400);
    tcase_add_test(t, form_with_charset_or_upper_case_is_read);
    tcase_add_test(t, nul_in_multipart_text_field_is_400);
    tcase_add_test(t, csrf_token_in_query_string_is_refused);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(request_parsing_suite)
