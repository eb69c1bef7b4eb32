/* test_auth.c - signing in and out through nginx: security headers, good and bad logins,
 * session rotation, CSRF tokens on every POST, throttling of failed logins, and the 404 and
 * 405 pages. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#define ASSESSOR "assessor@energy.example"

START_TEST(login_page_has_security_headers)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_get(h, "/login"), 200);
    ck_assert_ptr_nonnull(strstr(http_header(h, "Content-Security-Policy"), "default-src 'self'"));
    ck_assert_ptr_nonnull(
        strstr(http_header(h, "Content-Security-Policy"), "frame-ancestors 'none'"));
    ck_assert_str_eq(http_header(h, "X-Content-Type-Options"), "nosniff");
    ck_assert_str_eq(http_header(h, "Referrer-Policy"), "same-origin");
    ck_assert_ptr_nonnull(strstr(h->body, "name=\"password\""));
    ck_assert_str_ne(http_csrf(h), "");
    http_free(h);
}
END_TEST

START_TEST(good_login_starts_a_rotated_session)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, ASSESSOR, test_password(ASSESSOR)), 303);
    ck_assert_str_eq(http_header(h, "Location"), "/");
    const char *cookie = http_header(h, "Set-Cookie");
    ck_assert_ptr_nonnull(cookie);
    ck_assert_ptr_nonnull(strstr(cookie, "portal_session="));
    ck_assert_ptr_nonnull(strstr(cookie, "HttpOnly"));
    ck_assert_ptr_nonnull(strstr(cookie, "SameSite=Lax"));
    char first[128];
    snprintf(first, sizeof first, "%s", cookie);
    ck_assert_int_eq(http_get(h, "/"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "Erik Assessor"));

    /* signing in on another device leaves this session alone */
    struct http *other = http_new();
    ck_assert_int_eq(http_login(other, ASSESSOR, test_password(ASSESSOR)), 303);
    ck_assert_str_ne(http_header(other, "Set-Cookie"), first);
    ck_assert_int_eq(http_get(h, "/"), 200);
    ck_assert_int_eq(http_get(other, "/"), 200);

    /* signing in again in the same browser rotates the token: the old one is dead */
    char old_token[64];
    ck_assert_int_eq(sscanf(first, "portal_session=%63[^;]", old_token), 1);
    ck_assert_int_eq(http_login(h, ASSESSOR, test_password(ASSESSOR)), 303);
    ck_assert_str_ne(http_header(h, "Set-Cookie"), first);
    struct http *replay = http_new();
    char replayed[128];
    snprintf(replayed, sizeof replayed, "portal_session=%s", old_token);
    curl_easy_setopt(replay->curl, CURLOPT_COOKIE, replayed);
    ck_assert_int_eq(http_get(replay, "/"), 303);
    ck_assert_int_eq(http_get(h, "/"), 200);
    http_free(replay);
    http_free(other);
    http_free(h);
}
END_TEST

START_TEST(bad_password_is_refused_and_email_kept)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, "coordinator@northwind.example", "wrong password"), 401);
    ck_assert_ptr_nonnull(strstr(h->body, "The e-mail address or the password is wrong."));
    ck_assert_ptr_nonnull(strstr(h->body, "value=\"coordinator@northwind.example\""));
    ck_assert_ptr_null(strstr(h->body, "wrong password"));
    ck_assert_int_eq(http_get(h, "/"), 303);
    /* an unknown account reads the same */
    ck_assert_int_eq(http_login(h, "nobody@nowhere.example", "whatever"), 401);
    /* missing fields: 422 with a message next to the field */
    ck_assert_int_eq(http_get(h, "/login"), 200);
    char token[128];
    snprintf(token, sizeof token, "%s", http_csrf(h));
    ck_assert_int_eq(http_post(h, "/login", "csrf_token", token, "email", "not-an-address",
                               "password", "", NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(h->body, "id=\"err-email\""));
    ck_assert_ptr_nonnull(strstr(h->body, "id=\"err-password\""));
    ck_assert_ptr_nonnull(strstr(h->body, "value=\"not-an-address\""));
    http_free(h);
}
END_TEST

START_TEST(post_without_or_with_wrong_csrf_token_is_forbidden)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_get(h, "/login"), 200);
    ck_assert_int_eq(
        http_post(h, "/login", "email", ASSESSOR, "password", test_password(ASSESSOR), NULL), 403);
    ck_assert_int_eq(http_post(h, "/login", "csrf_token", "forged", "email", ASSESSOR, "password",
                               test_password(ASSESSOR), NULL),
                     403);
    ck_assert_int_eq(http_login(h, ASSESSOR, test_password(ASSESSOR)), 303);
    /* signed in: every state-changing form needs the session's token */
    ck_assert_int_eq(http_post(h, "/assessments", "category", "ID.AM", NULL), 403);
    ck_assert_int_eq(
        http_post(h, "/assessments", "csrf_token", "forged", "category", "ID.AM", NULL), 403);
    ck_assert_int_eq(http_post(h, "/logout", NULL), 403);
    ck_assert_int_eq(http_get(h, "/"), 200); /* still signed in */
    char token[128];
    snprintf(token, sizeof token, "%s", http_csrf(h));
    ck_assert_int_eq(http_post(h, "/logout", "csrf_token", token, NULL), 303);
    ck_assert_int_eq(http_get(h, "/"), 303);
    http_free(h);
}
END_TEST

START_TEST(failed_logins_are_throttled_per_account)
{
    struct http *h = http_new();
    const char *victim = "reporter@bolt.example";
    /* three guesses go through, then each waits longer (tests/e2e/test_login_throttle.c) */
    int refused = 0;
    for (int i = 0; i < 8 && !refused; i++) {
        long st = http_login(h, victim, "guess");
        ck_assert(i < 3 ? st == 401 : st == 401 || st == 429);
        refused = st == 429;
    }
    ck_assert(refused);
    /* even the right password is refused while the account is throttled */
    ck_assert_int_eq(http_login(h, victim, test_password(victim)), 429);
    ck_assert_ptr_nonnull(strstr(h->body, "Too many failed sign-ins"));
    http_free(h);
}
END_TEST

START_TEST(unknown_paths_and_methods)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_get(h, "/no/such/page"), 404);
    ck_assert_ptr_nonnull(strstr(h->body, "Not found"));
    ck_assert_int_eq(http_post(h, "/healthz", NULL), 405);
    ck_assert_ptr_nonnull(http_header(h, "Allow"));
    ck_assert_int_eq(http_get(h, "/incidents"), 303); /* signed out: to the login page */
    ck_assert_str_eq(http_header(h, "Location"), "/login");
    /* signed in, an error page keeps the navigation */
    ck_assert_int_eq(
        http_login(h, "reviewer@northwind.example", test_password("reviewer@northwind.example")),
        303);
    ck_assert_int_eq(http_get(h, "/no/such/page"), 404);
    ck_assert_ptr_nonnull(strstr(h->body, "Rita Reviewer"));
    ck_assert_ptr_nonnull(strstr(h->body, "action=\"/logout\""));
    /* the login page of a signed-in user carries two tokens: each works for its form */
    ck_assert_int_eq(http_get(h, "/login"), 200);
    ck_assert_str_ne(http_csrf_of(h, "/logout"), "");
    char token[128];
    snprintf(token, sizeof token, "%s", http_csrf_of(h, "/logout"));
    ck_assert_str_ne(token, http_csrf_of(h, "/login"));
    ck_assert_int_eq(http_post(h, "/logout", "csrf_token", token, NULL), 303);
    http_free(h);
}
END_TEST

static Suite *auth_suite(void)
{
    Suite *s = suite_create("auth");
    TCase *tc = tcase_create("login");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, login_page_has_security_headers);
    tcase_add_test(tc, good_login_starts_a_rotated_session);
    tcase_add_test(tc, bad_password_is_refused_and_email_kept);
    tcase_add_test(tc, post_without_or_with_wrong_csrf_token_is_forbidden);
    tcase_add_test(tc, failed_logins_are_throttled_per_account);
    tcase_add_test(tc, unknown_paths_and_methods);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(auth_suite)
