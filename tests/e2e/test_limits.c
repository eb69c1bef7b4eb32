/* test_limits.c - input the portal refuses before any handler runs: bodies over the
 * configured limit (413; the suite runs the portal with PORTAL_MAX_BODY=1 MiB), and input
 * that is not valid UTF-8 or holds NUL bytes (400). */
#include "testlib.h"

#include <stdlib.h>
#include <string.h>

START_TEST(oversized_body_is_413)
{
    struct http *h = http_new();
    size_t len = 2 * 1024 * 1024;
    char *body = malloc(len + 1);
    memset(body, 'a', len);
    memcpy(body, "email=", 6);
    body[len] = '\0';
    ck_assert_int_eq(http_post_raw(h, "/login", "application/x-www-form-urlencoded", body, len),
                     413);
    ck_assert_ptr_nonnull(strstr(h->body, "413"));
    free(body);
    http_free(h);
}
END_TEST

START_TEST(invalid_utf8_is_400)
{
    struct http *h = http_new();
    const char bad[] = "email=%C3%28&password=x";
    ck_assert_int_eq(
        http_post_raw(h, "/login", "application/x-www-form-urlencoded", bad, strlen(bad)), 400);
    const char nul[] = "email=a%00b&password=x";
    ck_assert_int_eq(
        http_post_raw(h, "/login", "application/x-www-form-urlencoded", nul, strlen(nul)), 400);
    ck_assert_int_eq(http_get(h, "/login?x=%FF"), 400);
    http_free(h);
}
END_TEST

START_TEST(multipart_form_is_parsed)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_get(h, "/login"), 200);
    char token[128], body[1024];
    strcpy(token, http_csrf(h));
    int n = snprintf(body, sizeof body,
                     "--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n%s\r\n"
                     "--XyZ\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n"
                     "multi@part.example\r\n"
                     "--XyZ\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n"
                     "nope\r\n--XyZ--\r\n",
                     token);
    ck_assert_int_eq(
        http_post_raw(h, "/login", "multipart/form-data; boundary=XyZ", body, (size_t)n), 401);
    ck_assert_ptr_nonnull(strstr(h->body, "value=\"multi@part.example\""));
    http_free(h);
}
END_TEST

static Suite *limits_suite(void)
{
    Suite *s = suite_create("limits");
    TCase *tc = tcase_create("input");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, oversized_body_is_413);
    tcase_add_test(tc, invalid_utf8_is_400);
    tcase_add_test(tc, multipart_form_is_parsed);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(limits_suite)
