/* test_response.c - building a response: resp_init's defaults, resp_header refusing line
 * breaks and overflow, resp_redirect allowing only local paths (no open redirect),
 * resp_cookie's attributes, and the reason phrases. resp_send needs a FastCGI stream and
 * is left to the end-to-end tests. */
#include "testlib.h"

#include "response.h"

#include <string.h>

static struct response resp;

static void setup(void)
{
    memset(&resp, 0x5a, sizeof resp);
    resp_init(&resp);
}

START_TEST(test_init)
{
    ck_assert_int_eq(resp.status, 200);
    ck_assert_ptr_null(resp.template);
    ck_assert_ptr_null(resp.content_type);
    ck_assert_str_eq(resp.location, "");
    ck_assert_str_eq(resp.headers, "");
    ck_assert_uint_eq(resp.headers_len, 0);
}
END_TEST

START_TEST(test_header)
{
    ck_assert_int_eq(resp_header(&resp, "X-One", "1"), 0);
    ck_assert_int_eq(resp_header(&resp, "X-Two", "a b\tc"), 0);
    ck_assert_str_eq(resp.headers, "X-One: 1\r\nX-Two: a b\tc\r\n");
    ck_assert_uint_eq(resp.headers_len, strlen(resp.headers));
}
END_TEST

START_TEST(test_header_line_breaks)
{
    ck_assert_int_eq(resp_header(&resp, "X-A", "1\r\nSet-Cookie: x=1"), -1);
    ck_assert_int_eq(resp_header(&resp, "X-A", "1\nX-B: 2"), -1);
    ck_assert_int_eq(resp_header(&resp, "X-A", "1\r"), -1);
    ck_assert_int_eq(resp_header(&resp, "X-A\r\nX-B", "1"), -1);
    ck_assert_int_eq(resp_header(&resp, "X-A: 1\nX-B", "2"), -1);
    ck_assert_int_eq(resp_header(&resp, "X-A:", "1"), -1);
    ck_assert_str_eq(resp.headers, "");
    ck_assert_uint_eq(resp.headers_len, 0);
}
END_TEST

START_TEST(test_header_overflow)
{
    char big[1500];
    memset(big, 'v', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert_int_eq(resp_header(&resp, "X-Big", big), 0);
    size_t len = resp.headers_len;
    ck_assert_int_eq(resp_header(&resp, "X-Big2", big), -1);
    ck_assert_uint_eq(resp.headers_len, len); /* the failed header left no trace */
    ck_assert_uint_eq(strlen(resp.headers), len);
    ck_assert_int_eq(resp_header(&resp, "X-Small", "1"), 0);
    ck_assert_ptr_nonnull(strstr(resp.headers, "\r\nX-Small: 1\r\n"));
}
END_TEST

START_TEST(test_redirect_local)
{
    resp.template = "page.cs";
    resp_redirect(&resp, "/incidents/42");
    ck_assert_int_eq(resp.status, 303);
    ck_assert_ptr_null(resp.template);
    ck_assert_str_eq(resp.location, "/incidents/42");
    resp_redirect(&resp, "/search?q=a&b=c#top");
    ck_assert_str_eq(resp.location, "/search?q=a&b=c#top");
    resp_redirect(&resp, "/");
    ck_assert_str_eq(resp.location, "/");
}
END_TEST

/* Anything that could leave the site falls back to the home page. */
START_TEST(test_redirect_refused)
{
    const char *paths[] = {
        "//evil.example",
        "http://x",
        "https://evil.example/",
        "\\\\evil.example",
        "/\\evil.example",
        "evil.example",
        "",
        "javascript:alert(1)",
        "/a\r\nSet-Cookie: x=1",
        "/a\nb",
        " /a",
    };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        strcpy(resp.location, "unchanged");
        resp_redirect(&resp, paths[i]);
        ck_assert_int_eq(resp.status, 303);
        ck_assert_msg(strcmp(resp.location, "/") == 0, "\"%s\" redirected to \"%s\"", paths[i],
                      resp.location);
    }
}
END_TEST

/* Browsers drop tabs and line breaks inside a URL, so "/\t/evil" becomes "//evil". */
START_TEST(test_redirect_control_chars)
{
    const char *paths[] = {"/\t/evil.example", "/\t\\evil.example", "/a\x01", "/a\x7f"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        resp_redirect(&resp, paths[i]);
        ck_assert_msg(strcmp(resp.location, "/") == 0, "path %zu redirected to \"%s\"", i,
                      resp.location);
    }
}
END_TEST

START_TEST(test_cookie)
{
    ck_assert_int_eq(resp_cookie(&resp, "sid", "abc", -1, 0), 0);
    ck_assert_str_eq(resp.headers, "Set-Cookie: sid=abc; Path=/; HttpOnly; SameSite=Lax\r\n");
}
END_TEST

START_TEST(test_cookie_flags)
{
    ck_assert_int_eq(resp_cookie(&resp, "a", "1", 3600, 1), 0);
    ck_assert_int_eq(resp_cookie(&resp, "b", "", 0, 0), 0);
    ck_assert_int_eq(resp_cookie(&resp, "c", "2", -1, 1), 0);
    ck_assert_str_eq(resp.headers,
                     "Set-Cookie: a=1; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600; Secure\r\n"
                     "Set-Cookie: b=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0\r\n"
                     "Set-Cookie: c=2; Path=/; HttpOnly; SameSite=Lax; Secure\r\n");
}
END_TEST

START_TEST(test_cookie_refused)
{
    ck_assert_int_eq(resp_cookie(&resp, "a", "1\r\nX-Evil: 1", -1, 0), -1);
    char big[600];
    memset(big, 'v', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert_int_eq(resp_cookie(&resp, "a", big, -1, 0), -1);
    /* no attribute smuggled in through the value or the name */
    ck_assert_int_eq(resp_cookie(&resp, "a", "1; Domain=evil.example", -1, 0), -1);
    ck_assert_int_eq(resp_cookie(&resp, "a=b", "1", -1, 0), -1);
    ck_assert_uint_eq(resp.headers_len, 0);
}
END_TEST

START_TEST(test_reason)
{
    ck_assert_str_eq(resp_reason(200), "OK");
    ck_assert_str_eq(resp_reason(303), "See Other");
    ck_assert_str_eq(resp_reason(404), "Not Found");
    ck_assert_str_eq(resp_reason(405), "Method Not Allowed");
    ck_assert_str_eq(resp_reason(413), "Payload Too Large");
    ck_assert_str_eq(resp_reason(422), "Unprocessable Content");
    ck_assert_str_eq(resp_reason(429), "Too Many Requests");
    ck_assert_str_eq(resp_reason(502), "Internal Server Error");
    ck_assert_str_eq(resp_reason(418), "Error");
}
END_TEST

static Suite *response_suite(void)
{
    Suite *s = suite_create("response");
    TCase *tc = tcase_create("headers");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_init);
    tcase_add_test(tc, test_header);
    tcase_add_test(tc, test_header_line_breaks);
    tcase_add_test(tc, test_header_overflow);
    tcase_add_test(tc, test_reason);
    suite_add_tcase(s, tc);
    tc = tcase_create("redirect");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_redirect_local);
    tcase_add_test(tc, test_redirect_refused);
    tcase_add_test(tc, test_redirect_control_chars);
    suite_add_tcase(s, tc);
    tc = tcase_create("cookie");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_cookie);
    tcase_add_test(tc, test_cookie_flags);
    tcase_add_test(tc, test_cookie_refused);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(response_suite)
