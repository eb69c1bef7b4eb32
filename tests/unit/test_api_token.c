/* test_api_token.c - API token secrets (prefix, length, freshness), their BLAKE2b storage
 * hash, the Bearer header parsing that accepts only well-shaped tokens, and the scope
 * array parsing. */
#include "testlib.h"

#include "api_token.h"

#include <sodium.h>
#include <string.h>

static void setup(void)
{
    ck_assert_int_ge(sodium_init(), 0);
}

START_TEST(test_new_and_hash)
{
    char a[API_TOKEN_TEXT], b[API_TOKEN_TEXT];
    api_token_new(a);
    api_token_new(b);
    ck_assert_uint_eq(strlen(a), API_TOKEN_TEXT - 1);
    ck_assert(strncmp(a, "cap_", 4) == 0);
    ck_assert_str_ne(a, b);
    char ha[API_TOKEN_HASH_TEXT], ha2[API_TOKEN_HASH_TEXT], hb[API_TOKEN_HASH_TEXT];
    api_token_hash(a, ha);
    api_token_hash(a, ha2);
    api_token_hash(b, hb);
    ck_assert_uint_eq(strlen(ha), 66);
    ck_assert(strncmp(ha, "\\x", 2) == 0);
    ck_assert_str_eq(ha, ha2);
    ck_assert_str_ne(ha, hb);
    /* BLAKE2b-256 of "abc" */
    api_token_hash("abc", ha);
    ck_assert_str_eq(ha, "\\xbddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}
END_TEST

START_TEST(test_from_header)
{
    char t[API_TOKEN_TEXT], h[80];
    api_token_new(t);
    snprintf(h, sizeof h, "Bearer %s", t);
    ck_assert_str_eq(api_token_from_header(h), t);
    snprintf(h, sizeof h, "bearer %s", t);
    ck_assert_str_eq(api_token_from_header(h), t);
    ck_assert_ptr_null(api_token_from_header(NULL));
    ck_assert_ptr_null(api_token_from_header("Basic dXNlcjpwYXNz"));
    ck_assert_ptr_null(api_token_from_header("Bearer cap_short"));
    snprintf(h, sizeof h, "Bearer %s", t);
    h[20] = '%';
    ck_assert_ptr_null(api_token_from_header(h));
}
END_TEST

START_TEST(test_scopes)
{
    ck_assert_uint_eq(api_scopes_parse("{assessments:read,incidents:write}"),
                      SCOPE_ASSESSMENTS_READ | SCOPE_INCIDENTS_WRITE);
    ck_assert_uint_eq(api_scopes_parse("{deliveries:read}"), SCOPE_DELIVERIES_READ);
    ck_assert_uint_eq(api_scopes_parse("{assessments:reader}"), 0);
    ck_assert_uint_eq(api_scopes_parse("{}"), 0);
    ck_assert_uint_eq(api_scopes_parse(NULL), 0);
    ck_assert_str_eq(api_scope_names[3], "advisories:answer");
}
END_TEST

static Suite *api_token_suite(void)
{
    Suite *s = suite_create("api_token");
    TCase *tc = tcase_create("tokens");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_new_and_hash);
    tcase_add_test(tc, test_from_header);
    tcase_add_test(tc, test_scopes);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(api_token_suite)
